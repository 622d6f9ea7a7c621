package org.slurmscope.query.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.slurmscope.api.metrics.MetricResult;
import org.slurmscope.api.metrics.SeriesRef;
import org.slurmscope.api.prometheus.QueryResult;
import org.slurmscope.api.prometheus.Sample;

/**
 * Joins the series of a node query result to SLURM node names: one value per node, the first series
 * winning when two map to the same node ({@link MetricKind#NODE}), or the lowest value with every
 * series kept ({@link MetricKind#NODE_UP}, one {@code up} series per scrape target). Everything
 * dropped on the way is named in the result's warnings and explanation.
 */
final class SeriesMapper {

  /** Number of duplicate or unmappable series named one by one before the rest are counted. */
  static final int MAX_LISTED = 5;

  private final String nodeLabel;
  private final NodeNameMapper names;

  SeriesMapper(String nodeLabel, NodeNameMapper names) {
    this.nodeLabel = nodeLabel;
    this.names = names;
  }

  /**
   * Maps a query result to a metric result.
   *
   * @throws UnusableResultException when the result is not an instant vector
   */
  MetricResult map(MetricQuery query, QueryResult result) throws UnusableResultException {
    return map(query, result, Instant.now());
  }

  MetricResult map(MetricQuery query, QueryResult result, Instant fetchedAt)
      throws UnusableResultException {
    requireVector(query, result);
    ResultBuilder builder = new ResultBuilder(query, describe(), result.warnings());
    List<String> duplicates = new ArrayList<>();
    List<String> unmappable = new ArrayList<>();
    int withoutLabel = 0;
    for (Sample sample : result.samples()) {
      String labelValue = sample.labels().get(nodeLabel);
      if (labelValue == null) {
        withoutLabel++;
        builder.unmapped(sample);
        continue;
      }
      String node = names.nodeName(labelValue);
      if (node == null) {
        unmappable.add(labelValue);
        builder.unmapped(sample);
        continue;
      }
      double value = sample.value() * query.scale();
      if (query.kind() == MetricKind.NODE_UP) {
        builder.min(node, sample, value);
        continue;
      }
      SeriesRef kept = builder.first(node, sample, value);
      if (kept != null) {
        duplicates.add(duplicateWarning(node, kept.labels().get(nodeLabel), labelValue));
      }
    }

    addListed(builder, duplicates, "more series map to a node that already has one");
    if (!unmappable.isEmpty()) {
      builder.warn(
          unmappable.size()
              + " series skipped because their "
              + nodeLabel
              + " value leaves no node name: "
              + quoteFirst(unmappable));
    }
    if (withoutLabel > 0) {
      builder.warn(
          withoutLabel
              + " series without the label "
              + nodeLabel
              + " skipped: "
              + query.configKey()
              + " in "
              + QueryConfiguration.PID
              + " must keep it, for example with by ("
              + nodeLabel
              + ")");
    }
    return builder.build(fetchedAt);
  }

  /** Returns how label values become node names, for explanations. */
  String describe() {
    return nodeLabel + ", " + names.describe();
  }

  static void requireVector(MetricQuery query, QueryResult result) throws UnusableResultException {
    if (!result.resultType().equals("vector")) {
      throw new UnusableResultException(
          query.configKey()
              + " in "
              + QueryConfiguration.PID
              + " returned a "
              + result.resultType()
              + ", not an instant vector with one series per "
              + (query.kind() == MetricKind.JOB ? "job and node" : "node")
              + ": change the query");
    }
  }

  private String duplicateWarning(String node, String kept, String dropped) {
    return "series "
        + nodeLabel
        + "=\""
        + kept
        + "\" and "
        + nodeLabel
        + "=\""
        + dropped
        + "\" both map to node "
        + node
        + ": kept the first";
  }

  /** Adds the first {@link #MAX_LISTED} messages and one line counting the rest. */
  static void addListed(ResultBuilder builder, List<String> messages, String restText) {
    messages.subList(0, Math.min(MAX_LISTED, messages.size())).forEach(builder::warn);
    if (messages.size() > MAX_LISTED) {
      builder.warn((messages.size() - MAX_LISTED) + " " + restText);
    }
  }

  static String quoteFirst(List<String> values) {
    List<String> quoted =
        values.stream().limit(MAX_LISTED).map(value -> "\"" + value + "\"").toList();
    return String.join(", ", quoted) + (values.size() > MAX_LISTED ? ", ..." : "");
  }

  /** A query returned something other than one series per node. */
  static final class UnusableResultException extends Exception {
    private static final long serialVersionUID = 1L;

    UnusableResultException(String message) {
      super(message);
    }
  }
}
