package org.slurmscope.api.metrics;

import java.time.Instant;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * How a metric result was produced, so that any cell can show the query and series behind its
 * value, or why it has none. Immutable.
 *
 * @param query the query exactly as it was sent (PromQL after the cluster filter was added)
 * @param mapping how series labels became keys, for example {@code instance, port removed, domain
 *     suffix .cluster.example.org removed}
 * @param series the series that fed each key's value; a key whose value sums several series (a job
 *     on several nodes) lists each one
 * @param absent the reason per key that the source found missing
 * @param unmapped series whose labels led to no key, the first {@link #MAX_UNMAPPED} of them
 * @param unmappedCount how many series led to no key in all
 * @param fetchedAt when the query was answered, or null when unknown
 * @since 1.1.0
 */
public record MetricExplanation(
    String query,
    String mapping,
    Map<String, List<SeriesRef>> series,
    Map<String, Absence> absent,
    List<SeriesRef> unmapped,
    int unmappedCount,
    Instant fetchedAt) {

  /** The number of unmapped series kept for display. */
  public static final int MAX_UNMAPPED = 20;

  /** The explanation of a result whose source recorded nothing. */
  public static final MetricExplanation NONE =
      new MetricExplanation("", "", Map.of(), Map.of(), List.of(), 0, null);

  public MetricExplanation {
    query = query == null ? "" : query;
    mapping = mapping == null ? "" : mapping;
    Map<String, List<SeriesRef>> copy = new HashMap<>(series.size() * 4 / 3 + 1);
    series.forEach((key, refs) -> copy.put(key, List.copyOf(refs)));
    series = Collections.unmodifiableMap(copy);
    absent = Map.copyOf(absent);
    unmapped = List.copyOf(unmapped);
    if (unmappedCount < unmapped.size()) {
      throw new IllegalArgumentException(
          "unmappedCount " + unmappedCount + " is below the " + unmapped.size() + " series listed");
    }
  }

  /** Returns the series that fed a key, empty when none did. */
  public List<SeriesRef> seriesOf(String key) {
    return series.getOrDefault(key, List.of());
  }
}
