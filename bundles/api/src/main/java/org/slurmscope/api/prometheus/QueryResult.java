package org.slurmscope.api.prometheus;

import java.util.List;
import java.util.Objects;

/**
 * A successful query answer.
 *
 * @param resultType Prometheus's {@code resultType}: {@code vector}, {@code matrix}, {@code scalar}
 *     or {@code string}
 * @param samples the samples of a vector (one per series), or the single sample of a scalar; empty
 *     for a matrix or a string
 * @param series the series of a matrix; empty for the other result types
 * @param text the value of a string result; null for the other result types
 * @param warnings the {@code warnings} the server attached; non-empty means partial data
 * @param infos the {@code infos} the server attached (Prometheus 3): notes about the query that do
 *     not mean partial data
 */
public record QueryResult(
    String resultType,
    List<Sample> samples,
    List<TimeSeries> series,
    String text,
    List<String> warnings,
    List<String> infos) {

  public QueryResult {
    Objects.requireNonNull(resultType, "resultType");
    samples = List.copyOf(samples);
    series = List.copyOf(series);
    warnings = List.copyOf(warnings);
    infos = List.copyOf(infos);
  }

  /** Creates a vector or scalar result without series, text or infos. */
  public QueryResult(String resultType, List<Sample> samples, List<String> warnings) {
    this(resultType, samples, List.of(), null, warnings, List.of());
  }

  /**
   * Returns true when the server sent warnings, so the data may be incomplete (for example a Thanos
   * partial response with a store down).
   *
   * @since 1.1.0
   */
  public boolean partial() {
    return !warnings.isEmpty();
  }
}
