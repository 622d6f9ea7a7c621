package org.slurmscope.api.prometheus;

/**
 * A Prometheus request failed. The message names the endpoint, the error type and, where the server
 * sent one, its own error text.
 */
public class PrometheusException extends Exception {
  private static final long serialVersionUID = 1L;

  /** Prometheus's {@code errorType}, or a client-side kind such as {@code connection}. */
  private final String errorType;

  public PrometheusException(String errorType, String message) {
    super(message);
    this.errorType = errorType;
  }

  public PrometheusException(String errorType, String message, Throwable cause) {
    super(message, cause);
    this.errorType = errorType;
  }

  /**
   * Returns the error type: one of Prometheus's ({@code bad_data}, {@code execution}, {@code
   * timeout}, {@code canceled}, {@code unavailable}, {@code internal}, {@code not_found}) or the
   * client's own ({@code connection}, {@code http}, {@code decode}).
   */
  public String errorType() {
    return errorType;
  }
}
