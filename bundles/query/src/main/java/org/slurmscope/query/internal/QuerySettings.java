package org.slurmscope.query.internal;

import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.slurmscope.api.metrics.NodeMetrics;

/**
 * Validated values of {@link QueryConfiguration}.
 *
 * @param queries the query per metric name
 * @param nodeLabel the label whose value names the node
 * @param nodeNames how label values become SLURM node names
 */
record QuerySettings(Map<String, MetricQuery> queries, String nodeLabel, NodeNameMapper nodeNames) {

  /** Prometheus's rule for label names. */
  private static final Pattern LABEL_NAME = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");

  /** A domain suffix: DNS labels separated by dots, with an optional leading dot. */
  private static final Pattern DOMAIN =
      Pattern.compile(
          "\\.?[a-zA-Z0-9]([a-zA-Z0-9-]*[a-zA-Z0-9])?(\\.[a-zA-Z0-9]([a-zA-Z0-9-]*[a-zA-Z0-9])?)*");

  QuerySettings {
    queries = Map.copyOf(queries);
  }

  /**
   * Checks a configuration.
   *
   * @throws IllegalArgumentException naming the PID, the key, the value and the rule
   */
  static QuerySettings validate(QueryConfiguration config) {
    Map<String, MetricQuery> queries = new TreeMap<>();
    addQuery(queries, NodeMetrics.CPU_PERCENT, "nodeCpuPercentQuery", config.nodeCpuPercentQuery());
    addQuery(
        queries,
        NodeMetrics.MEMORY_PERCENT,
        "nodeMemoryPercentQuery",
        config.nodeMemoryPercentQuery());
    addQuery(queries, NodeMetrics.LOAD1, "nodeLoad1Query", config.nodeLoad1Query());

    String nodeLabel = config.nodeLabel() == null ? "" : config.nodeLabel().strip();
    if (!LABEL_NAME.matcher(nodeLabel).matches()) {
      throw invalid(
          "nodeLabel",
          config.nodeLabel(),
          "it must be a Prometheus label name: a letter or _, then letters, digits or _");
    }
    return new QuerySettings(queries, nodeLabel, nodeNames(config));
  }

  /** Returns the query of a metric, or null when this source does not provide the metric. */
  MetricQuery query(String metric) {
    return queries.get(metric);
  }

  private static void addQuery(
      Map<String, MetricQuery> queries, String metric, String key, String promql) {
    if (promql == null || promql.isBlank()) {
      throw invalid(key, promql, "it must be a PromQL expression that returns one series per node");
    }
    queries.put(metric, new MetricQuery(metric, key, promql.strip()));
  }

  private static NodeNameMapper nodeNames(QueryConfiguration config) {
    DomainMode mode = DomainMode.fromConfigValue(config.domainMode());
    if (mode == null) {
      String allowed =
          Arrays.stream(DomainMode.values())
              .map(DomainMode::configValue)
              .collect(Collectors.joining(", "));
      throw invalid("domainMode", config.domainMode(), "it must be one of " + allowed);
    }

    String domain = config.nodeDomain() == null ? "" : config.nodeDomain().strip();
    if (mode != DomainMode.STRIP_SUFFIX) {
      if (!domain.isEmpty()) {
        throw invalid(
            "nodeDomain",
            config.nodeDomain(),
            "it is only used with domainMode=strip-suffix: set domainMode=strip-suffix or remove"
                + " nodeDomain");
      }
      return new NodeNameMapper(mode, "");
    }
    if (!DOMAIN.matcher(domain).matches()) {
      throw invalid(
          "nodeDomain",
          config.nodeDomain(),
          "with domainMode=strip-suffix it must be a domain such as .cluster.example.org");
    }
    String suffix = domain.startsWith(".") ? domain : "." + domain;
    return new NodeNameMapper(mode, suffix);
  }

  private static IllegalArgumentException invalid(String key, String value, String rule) {
    return new IllegalArgumentException(
        QueryConfiguration.PID + ": " + key + "=\"" + value + "\" is invalid: " + rule);
  }
}
