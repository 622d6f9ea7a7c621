package org.slurmscope.prometheus.internal;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.slurmscope.api.prometheus.Sample;

/**
 * A decoded successful response of the Prometheus HTTP API query endpoints.
 *
 * @param resultType {@code vector}, {@code scalar}, {@code string} or {@code matrix}
 * @param samples one sample per series of a vector, or the single sample of a scalar; empty for a
 *     string or a matrix
 * @param series the series of a matrix; empty for the other result types
 * @param warnings the {@code warnings} the server attached, which mean the data may be partial
 * @param infos the {@code infos} the server attached (Prometheus 3), notes that do not mean partial
 *     data
 */
record ApiResponse(
    String resultType,
    List<Sample> samples,
    List<RangeSeries> series,
    List<String> warnings,
    List<String> infos) {

  ApiResponse {
    Objects.requireNonNull(resultType, "resultType");
    samples = List.copyOf(samples);
    series = List.copyOf(series);
    warnings = List.copyOf(warnings);
    infos = List.copyOf(infos);
  }

  /**
   * One series of a matrix.
   *
   * @param labels the series' labels
   * @param points the samples in time order, as the server sent them
   */
  record RangeSeries(Map<String, String> labels, List<Point> points) {

    RangeSeries {
      labels = Map.copyOf(labels);
      points = List.copyOf(points);
    }
  }

  /**
   * One sample of a matrix series.
   *
   * @param timestampSeconds the sample time in Unix seconds, with the fraction
   * @param value the sample value, NaN and infinities included
   */
  record Point(double timestampSeconds, double value) {}
}
