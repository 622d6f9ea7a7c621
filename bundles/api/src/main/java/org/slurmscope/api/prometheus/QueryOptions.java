package org.slurmscope.api.prometheus;

import java.time.Duration;

/**
 * Optional parameters of a query, passed to the server as they are.
 *
 * @param timeout the server-side evaluation timeout (Prometheus's {@code timeout} parameter), or
 *     null for the server's default. The client's own read and call timeouts still bound the
 *     request, so a longer server timeout also needs longer client timeouts.
 * @param limit the maximum number of series returned (Prometheus's {@code limit} parameter), or 0
 *     for no limit; servers that do not know the parameter ignore it
 * @since 1.1.0
 */
public record QueryOptions(Duration timeout, int limit) {

  /** No timeout and no limit: the server's defaults. */
  public static final QueryOptions NONE = new QueryOptions(null, 0);

  /**
   * Checks the values.
   *
   * @throws IllegalArgumentException when the timeout is not positive or the limit is negative
   */
  public QueryOptions {
    if (timeout != null && (timeout.isNegative() || timeout.isZero())) {
      throw new IllegalArgumentException("query timeout must be positive, got " + timeout);
    }
    if (limit < 0) {
      throw new IllegalArgumentException("query limit must be 0 (none) or positive, got " + limit);
    }
  }

  /** Returns these options with the given server-side timeout. */
  public QueryOptions withTimeout(Duration newTimeout) {
    return new QueryOptions(newTimeout, limit);
  }

  /** Returns these options with the given series limit; 0 means none. */
  public QueryOptions withLimit(int newLimit) {
    return new QueryOptions(timeout, newLimit);
  }
}
