package org.slurmscope.api.state;

import java.time.Instant;
import java.util.Objects;

/**
 * How a source fared on its latest poll.
 *
 * @param name what the source is, for example {@code cli} or {@code prometheus}; empty when there
 *     is no source
 * @param health the source's health
 * @param message the latest error, or an explanation of the health; empty when healthy
 * @param lastSuccess when the source last answered, or null when it never has
 * @param lastAttempt when the source was last polled, or null when it never was
 */
public record SourceStatus(
    String name, Health health, String message, Instant lastSuccess, Instant lastAttempt) {

  /** A source's health as the console shows it. */
  public enum Health {
    /** No answer yet: the first poll is still running. */
    LOADING,
    /** The latest poll succeeded. */
    OK,
    /** The latest poll failed; older data, if any, is still shown. */
    DEGRADED,
    /** No source service is available, for example because it is disabled. */
    UNAVAILABLE
  }

  public SourceStatus {
    Objects.requireNonNull(health, "health");
    name = name == null ? "" : name;
    message = message == null ? "" : message;
  }

  /** Returns the status of a source that was never polled. */
  public static SourceStatus loading(String name) {
    return new SourceStatus(name, Health.LOADING, "", null, null);
  }
}
