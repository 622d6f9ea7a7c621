package org.slurmscope.api.metrics;

import java.util.Objects;

/**
 * Why a key that a metric source has seen or expects has no value.
 *
 * @param reason the kind of reason
 * @param detail a sentence naming the series, label or value involved
 * @since 1.1.0
 */
public record Absence(Reason reason, String detail) {

  /** The kinds of reason a value is missing. */
  public enum Reason {
    /** The query returned no series for the key. */
    NO_SERIES,
    /** Series came back, but their labels did not lead to the key (wrong domain, unknown path). */
    MAPPING_FAILED,
    /** The exporter that would report the key did not answer its latest scrape ({@code up} 0). */
    EXPORTER_DOWN,
    /**
     * The key had a series in the previous response and has none now: Prometheus marked the series
     * stale because its exporter stopped reporting it (the job ended, a collector failed).
     */
    STALE,
    /**
     * The exporter sent its "no value" sentinel, such as DCGM's blank value for "not supported".
     */
    BLANK_VALUE,
    /** Two or more series claim the key and none can be chosen (a MIG GPU shared by jobs). */
    AMBIGUOUS
  }

  public Absence {
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(detail, "detail");
  }
}
