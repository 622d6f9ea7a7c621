package org.slurmscope.slurm.rest.internal;

import java.util.Locale;
import org.slurmscope.api.slurm.SlurmSourceException;

/**
 * A request to slurmrestd that failed. The kind tells a rejected token, which the user fixes by
 * renewing it, from an outage, which they can only wait out.
 */
final class SlurmrestdException extends SlurmSourceException {
  private static final long serialVersionUID = 1L;

  /** The kinds of failure. */
  enum Kind {
    /** slurmrestd rejected the token: 401 and 511, or an authentication error in the body. */
    AUTHENTICATION,
    /** The API version or endpoint does not exist on this slurmrestd (404). */
    NOT_FOUND,
    /** slurmrestd responded, but with an error status or Slurm errors. */
    SLURM_ERROR,
    /** The response could not be decoded. */
    BAD_ANSWER,
    /** No response: connection refused, timed out, name not resolved. */
    UNREACHABLE
  }

  private final Kind kind;
  private final int status;

  SlurmrestdException(Kind kind, String message, Throwable cause) {
    this(kind, 0, message, cause);
  }

  SlurmrestdException(Kind kind, int status, String message, Throwable cause) {
    super(message, cause);
    this.kind = kind;
    this.status = status;
  }

  Kind kind() {
    return kind;
  }

  /** Returns the HTTP status, or 0 when there was no response. */
  int status() {
    return status;
  }

  /**
   * Classifies an answer whose JSON carried Slurm errors, or could not be decoded.
   *
   * <p>A rejected token looks different in every release: 401 with a text body (24.11 without a
   * token), 511 with error 1007 "Protocol authentication error" (25.11), and 500 with error 7000
   * "Unable to connect to database" (23.11, which fails to open its slurmdbd connection as the
   * unknown user).
   */
  static SlurmrestdException fromErrors(
      int status, String origin, String url, String detail, Throwable cause) {
    String lower = detail.toLowerCase(Locale.ROOT);
    boolean noJson = lower.contains("not valid json") || lower.contains("returned no output");
    if (status == 401
        || status == 511
        || lower.contains("protocol authentication error")
        || lower.contains("authentication failure")
        || (status == 500 && lower.contains("unable to connect to database"))) {
      return authentication(status, origin, url, detail, cause);
    }
    if (noJson) {
      String what =
          lower.contains("returned no output") ? "an empty body" : "a body that is not JSON";
      return new SlurmrestdException(
          Kind.BAD_ANSWER,
          status,
          "slurmrestd at "
              + url
              + " returned "
              + status
              + " for "
              + origin
              + " with "
              + what
              + " ("
              + detail
              + ")",
          cause);
    }
    Kind kind = status == 404 ? Kind.NOT_FOUND : Kind.SLURM_ERROR;
    return new SlurmrestdException(
        kind, status, "slurmrestd at " + url + " returned " + status + " for " + detail, cause);
  }

  /** Classifies an error status whose body had no Slurm errors to quote. */
  static SlurmrestdException fromStatus(int status, String origin, String url, String body) {
    String lower = body.toLowerCase(Locale.ROOT);
    if (status == 401 || status == 511 || lower.contains("authentication")) {
      return authentication(status, origin, url, body, null);
    }
    Kind kind = status == 404 ? Kind.NOT_FOUND : Kind.SLURM_ERROR;
    return new SlurmrestdException(
        kind,
        status,
        "slurmrestd at " + url + " returned " + status + " for " + origin + " with " + body,
        null);
  }

  private static SlurmrestdException authentication(
      int status, String origin, String url, String detail, Throwable cause) {
    return new SlurmrestdException(
        Kind.AUTHENTICATION,
        status,
        "slurmrestd at "
            + url
            + " rejected the token ("
            + status
            + " for "
            + origin
            + ": "
            + detail
            + "): renew the token",
        cause);
  }
}
