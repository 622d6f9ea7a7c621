package org.slurmscope.query.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slurmscope.api.metrics.Absence;
import org.slurmscope.api.metrics.MetricExplanation;
import org.slurmscope.api.metrics.MetricResult;
import org.slurmscope.api.metrics.SeriesRef;
import org.slurmscope.api.prometheus.Sample;

/** Collects the values of one result with the series behind each and the series left over. */
final class ResultBuilder {

  /**
   * DCGM's blank values ("not supported", "no data") start at 0x7ffffff0 for 32-bit fields and are
   * larger for 64-bit and floating-point fields (dcgm-exporter README, DCGM_FT_*_BLANK).
   */
  static final double DCGM_BLANK_MIN = 0x7ffffff0;

  private final MetricQuery query;
  private final String mapping;
  private final Map<String, Double> values = new HashMap<>();
  private final Map<String, List<SeriesRef>> series = new HashMap<>();
  private final Map<String, Absence> absent = new HashMap<>();
  private final List<SeriesRef> unmapped = new ArrayList<>();
  private final List<String> warnings = new ArrayList<>();
  private int unmappedCount;

  ResultBuilder(MetricQuery query, String mapping, List<String> serverWarnings) {
    this.query = query;
    this.mapping = mapping;
    warnings.addAll(serverWarnings);
  }

  /** Records a series whose labels led to no key. */
  void unmapped(Sample sample) {
    unmappedCount++;
    if (unmapped.size() < MetricExplanation.MAX_UNMAPPED) {
      unmapped.add(new SeriesRef(sample.labels(), sample.value()));
    }
  }

  int unmappedCount() {
    return unmappedCount;
  }

  /**
   * Sets a key's value unless it has one; returns the series that keeps the key when it had one,
   * else null.
   */
  SeriesRef first(String key, Sample sample, double value) {
    List<SeriesRef> kept = series.get(key);
    if (kept != null) {
      return kept.get(0);
    }
    values.put(key, value);
    series.put(key, List.of(new SeriesRef(sample.labels(), sample.value())));
    return null;
  }

  /** Adds a series' value to a key's sum. */
  void sum(String key, Sample sample, double value) {
    values.merge(key, value, Double::sum);
    series.computeIfAbsent(key, k -> new ArrayList<>(2)).add(new SeriesRef(sample.labels(), value));
  }

  /** Keeps the lowest value of a key's series and lists every series. */
  void min(String key, Sample sample, double value) {
    values.merge(key, value, Math::min);
    series.computeIfAbsent(key, k -> new ArrayList<>(2)).add(new SeriesRef(sample.labels(), value));
  }

  /** Replaces a key's value, for averages computed after the series were summed. */
  void replace(String key, double value) {
    values.put(key, value);
  }

  boolean hasValue(String key) {
    return values.containsKey(key);
  }

  Map<String, Double> values() {
    return values;
  }

  /** Records why a key has no value, unless it has one. */
  void absent(String key, Absence absence) {
    if (!values.containsKey(key)) {
      absent.putIfAbsent(key, absence);
    }
  }

  void warn(String warning) {
    warnings.add(warning);
  }

  MetricResult build(Instant fetchedAt) {
    absent.keySet().removeAll(values.keySet());
    MetricExplanation explanation =
        new MetricExplanation(
            query.promql(), mapping, series, absent, unmapped, unmappedCount, fetchedAt);
    return new MetricResult(query.metric(), values, query.promql(), warnings, explanation);
  }

  /** Returns true for a DCGM blank value, which means "no value" rather than a number. */
  static boolean isBlank(double value) {
    return value >= DCGM_BLANK_MIN && !Double.isInfinite(value);
  }
}
