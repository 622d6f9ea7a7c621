package org.slurmscope.api.prometheus;

import java.util.List;
import java.util.Objects;

/**
 * A successful query answer.
 *
 * @param resultType Prometheus's {@code resultType}: {@code vector}, {@code matrix}, {@code scalar}
 *     or {@code string}
 * @param samples the samples of a vector (one per series), or the single sample of a scalar
 * @param warnings the {@code warnings} the server attached; non-empty means partial data
 */
public record QueryResult(String resultType, List<Sample> samples, List<String> warnings) {

  public QueryResult {
    Objects.requireNonNull(resultType, "resultType");
    samples = List.copyOf(samples);
    warnings = List.copyOf(warnings);
  }
}
