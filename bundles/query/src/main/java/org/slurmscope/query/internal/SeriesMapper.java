package org.slurmscope.query.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slurmscope.api.metrics.MetricResult;
import org.slurmscope.api.prometheus.QueryResult;
import org.slurmscope.api.prometheus.Sample;

/**
 * Joins the series of one query result to SLURM node names: one value per node, the first series
 * winning when two map to the same node. Everything dropped on the way is named in the result's
 * warnings.
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
    if (!result.resultType().equals("vector")) {
      throw new UnusableResultException(
          query.configKey()
              + " in "
              + QueryConfiguration.PID
              + " returned a "
              + result.resultType()
              + ", not an instant vector with one series per node: change the query");
    }

    Map<String, Double> values = new HashMap<>();
    Map<String, String> labelValueOfNode = new HashMap<>();
    List<String> duplicates = new ArrayList<>();
    List<String> unmappable = new ArrayList<>();
    int withoutLabel = 0;
    for (Sample sample : result.samples()) {
      String labelValue = sample.labels().get(nodeLabel);
      if (labelValue == null) {
        withoutLabel++;
        continue;
      }
      String node = names.nodeName(labelValue);
      if (node == null) {
        unmappable.add(labelValue);
        continue;
      }
      String kept = labelValueOfNode.putIfAbsent(node, labelValue);
      if (kept != null) {
        duplicates.add(duplicateWarning(node, kept, labelValue));
        continue;
      }
      values.put(node, sample.value());
    }

    List<String> warnings = new ArrayList<>(result.warnings());
    addListed(warnings, duplicates, "more series map to a node that already has one");
    if (!unmappable.isEmpty()) {
      warnings.add(
          unmappable.size()
              + " series skipped because their "
              + nodeLabel
              + " value leaves no node name: "
              + quoteFirst(unmappable));
    }
    if (withoutLabel > 0) {
      warnings.add(
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
    return new MetricResult(query.metric(), values, query.promql(), warnings);
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
  private static void addListed(List<String> warnings, List<String> messages, String restText) {
    warnings.addAll(messages.subList(0, Math.min(MAX_LISTED, messages.size())));
    if (messages.size() > MAX_LISTED) {
      warnings.add((messages.size() - MAX_LISTED) + " " + restText);
    }
  }

  private static String quoteFirst(List<String> values) {
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
