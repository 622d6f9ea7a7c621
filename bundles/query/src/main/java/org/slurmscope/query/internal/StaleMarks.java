package org.slurmscope.query.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import org.slurmscope.api.metrics.Absence;
import org.slurmscope.api.metrics.MetricExplanation;
import org.slurmscope.api.metrics.MetricResult;

/**
 * Marks the keys that had a value in an earlier response and have none now as {@link
 * Absence.Reason#STALE}: Prometheus ends a series with a staleness marker when its exporter stops
 * reporting it, so the key simply disappears from the response.
 */
final class StaleMarks {

  /** How long a vanished key is reported as stale before it is forgotten. */
  static final Duration REMEMBER = Duration.ofMinutes(10);

  private StaleMarks() {}

  /**
   * Returns the result with a stale mark for each vanished key, and updates when each key was last
   * seen.
   */
  static MetricResult apply(MetricResult result, Map<String, Instant> lastSeen, Instant now) {
    Map<String, Absence> stale = new HashMap<>();
    Iterator<Map.Entry<String, Instant>> seen = lastSeen.entrySet().iterator();
    while (seen.hasNext()) {
      Map.Entry<String, Instant> entry = seen.next();
      String key = entry.getKey();
      if (result.values().containsKey(key) || result.explanation().absent().containsKey(key)) {
        continue;
      }
      if (entry.getValue().isBefore(now.minus(REMEMBER))) {
        seen.remove();
        continue;
      }
      long ago = Duration.between(entry.getValue(), now).toSeconds();
      stale.put(
          key,
          new Absence(
              Absence.Reason.STALE,
              "the series ended: "
                  + key
                  + " last had a value "
                  + ago
                  + " s ago, and its exporter no longer reports it"));
    }
    for (String key : result.values().keySet()) {
      lastSeen.put(key, now);
    }
    if (stale.isEmpty()) {
      return result;
    }
    MetricExplanation old = result.explanation();
    Map<String, Absence> absent = new HashMap<>(old.absent());
    absent.putAll(stale);
    MetricExplanation explanation =
        new MetricExplanation(
            old.query(),
            old.mapping(),
            old.series(),
            absent,
            old.unmapped(),
            old.unmappedCount(),
            old.fetchedAt());
    return new MetricResult(
        result.metric(), result.values(), result.query(), result.warnings(), explanation);
  }
}
