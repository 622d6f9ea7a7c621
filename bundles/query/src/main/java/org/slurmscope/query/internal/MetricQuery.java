package org.slurmscope.query.internal;

import java.util.Objects;

/**
 * The query of one metric.
 *
 * @param metric the metric name, for example {@code node.cpu.percent}
 * @param configKey the configuration key the PromQL comes from, for messages
 * @param promql the PromQL expression sent to Prometheus
 */
record MetricQuery(String metric, String configKey, String promql) {

  MetricQuery {
    Objects.requireNonNull(metric, "metric");
    Objects.requireNonNull(configKey, "configKey");
    Objects.requireNonNull(promql, "promql");
  }
}
