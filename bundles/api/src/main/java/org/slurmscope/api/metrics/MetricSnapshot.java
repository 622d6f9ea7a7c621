package org.slurmscope.api.metrics;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalDouble;

/**
 * The results of one metric refresh, immutable.
 *
 * @param fetchedAt when the refresh completed
 * @param results the result per metric name, for the metrics that were answered
 * @param errors the error message per metric name, for the metrics that failed; a failed metric
 *     never has a result
 */
public record MetricSnapshot(
    Instant fetchedAt, Map<String, MetricResult> results, Map<String, String> errors) {

  public MetricSnapshot {
    Objects.requireNonNull(fetchedAt, "fetchedAt");
    results = Map.copyOf(results);
    errors = Map.copyOf(errors);
  }

  /** Returns the value of a metric for a node name or job id, empty when unknown. */
  public OptionalDouble value(String metric, String key) {
    MetricResult result = results.get(metric);
    return result == null ? OptionalDouble.empty() : result.value(key);
  }
}
