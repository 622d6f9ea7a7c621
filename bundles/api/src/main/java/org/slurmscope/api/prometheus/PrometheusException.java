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
   * client's own: {@code connection} (the server could not be reached, also while the client skips
   * requests to a server that failed repeatedly), {@code http} (a status without an API error
   * body), {@code decode} (an answer that could not be read), and, since 1.1.0, {@code throttled}
   * (the client's own request limits did not let the request go in time) and {@code config} (a
   * credential file or variable could not be read).
   */
  public String errorType() {
    return errorType;
  }
}
