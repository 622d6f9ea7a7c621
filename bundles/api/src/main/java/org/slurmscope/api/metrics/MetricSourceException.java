package org.slurmscope.api.metrics;

/** A metric source failed as a whole; the message says what failed and how to fix it. */
public class MetricSourceException extends Exception {
  private static final long serialVersionUID = 1L;

  public MetricSourceException(String message) {
    super(message);
  }

  public MetricSourceException(String message, Throwable cause) {
    super(message, cause);
  }
}
