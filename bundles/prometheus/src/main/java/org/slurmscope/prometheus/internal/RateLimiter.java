package org.slurmscope.prometheus.internal;

import java.util.function.LongSupplier;

/**
 * A token bucket: requests start at up to {@code permitsPerSecond}, with bursts of up to one
 * second's worth (at least one request). A caller that finds the bucket empty reserves the next
 * token and sleeps until it is due, so waiting callers are served in order of arrival.
 */
final class RateLimiter {

  private static final double NANOS_PER_SECOND = 1e9;

  private final double permitsPerSecond;
  private final double capacity;
  private final LongSupplier nanoTime;

  // guarded by this
  private double tokens;
  private long updatedAt;

  RateLimiter(double permitsPerSecond, LongSupplier nanoTime) {
    this.permitsPerSecond = permitsPerSecond;
    this.capacity = Math.max(1, permitsPerSecond);
    this.nanoTime = nanoTime;
    this.tokens = capacity;
    this.updatedAt = nanoTime.getAsLong();
  }

  /**
   * Takes one token, sleeping until it is due.
   *
   * @param maxWaitNanos the longest the caller may sleep
   * @return true when the token was taken, false when it would come later than {@code maxWaitNanos}
   *     (nothing is then taken)
   * @throws InterruptedException when the caller is interrupted while sleeping; the reserved token
   *     is then used up
   */
  boolean acquire(long maxWaitNanos) throws InterruptedException {
    long wait = reserve(maxWaitNanos);
    if (wait < 0) {
      return false;
    }
    if (wait > 0) {
      Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
    }
    return true;
  }

  /** Reserves a token; returns the nanoseconds until it is due, or -1 when that is too long. */
  private synchronized long reserve(long maxWaitNanos) {
    long now = nanoTime.getAsLong();
    tokens = Math.min(capacity, tokens + (now - updatedAt) * permitsPerSecond / NANOS_PER_SECOND);
    updatedAt = now;
    if (tokens >= 1) {
      tokens -= 1;
      return 0;
    }
    long wait = (long) Math.ceil((1 - tokens) * NANOS_PER_SECOND / permitsPerSecond);
    if (wait > maxWaitNanos) {
      return -1;
    }
    // The token may go negative: later callers then wait behind this reservation.
    tokens -= 1;
    return wait;
  }
}
