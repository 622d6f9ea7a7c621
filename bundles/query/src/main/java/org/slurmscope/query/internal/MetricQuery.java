package org.slurmscope.query.internal;

import java.util.Objects;

/**
 * The query of one metric.
 *
 * @param metric the metric name, for example {@code node.cpu.percent}
 * @param configKey the configuration key the PromQL comes from, for messages
 * @param promql the PromQL expression sent to Prometheus, filters included
 * @param kind what the result's keys are
 * @param scale the factor applied to each value after the blank-value check, such as MiB to bytes
 */
record MetricQuery(String metric, String configKey, String promql, MetricKind kind, double scale) {

  MetricQuery {
    Objects.requireNonNull(metric, "metric");
    Objects.requireNonNull(configKey, "configKey");
    Objects.requireNonNull(promql, "promql");
    Objects.requireNonNull(kind, "kind");
  }

  /** Creates a node query without scaling. */
  MetricQuery(String metric, String configKey, String promql) {
    this(metric, configKey, promql, MetricKind.NODE, 1);
  }
}
