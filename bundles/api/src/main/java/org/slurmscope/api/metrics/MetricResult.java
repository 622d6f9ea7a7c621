package org.slurmscope.api.metrics;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalDouble;

/**
 * The answer to one metric for the whole cluster: a value per SLURM node (or job), and the query
 * that produced it so that a cell can explain where its value came from.
 *
 * <p>A key that is absent means there was no series for that node; a present value may be NaN or
 * infinite when the source said so, and is never replaced by 0.
 *
 * @param metric the metric name, for example {@link NodeMetrics#CPU_PERCENT}
 * @param values the value per SLURM node name (or job id)
 * @param query the query that was sent, for example the PromQL text; empty when not applicable
 * @param warnings warnings the server attached (partial data); empty when the answer is complete
 * @param explanation the series behind each value and the reasons for missing ones; {@link
 *     MetricExplanation#NONE} when the source records none; since 1.1.0
 */
public record MetricResult(
    String metric,
    Map<String, Double> values,
    String query,
    List<String> warnings,
    MetricExplanation explanation) {

  public MetricResult {
    Objects.requireNonNull(metric, "metric");
    values = Map.copyOf(values);
    query = query == null ? "" : query;
    warnings = List.copyOf(warnings);
    explanation = explanation == null ? MetricExplanation.NONE : explanation;
  }

  /** Creates a result without an explanation, as sources written for 1.0 do. */
  public MetricResult(
      String metric, Map<String, Double> values, String query, List<String> warnings) {
    this(metric, values, query, warnings, MetricExplanation.NONE);
  }

  /** Returns the value for a node name or job id, empty when there was no series for it. */
  public OptionalDouble value(String key) {
    Double value = values.get(key);
    return value == null ? OptionalDouble.empty() : OptionalDouble.of(value);
  }
}
