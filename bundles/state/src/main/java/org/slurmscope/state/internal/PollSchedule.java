package org.slurmscope.state.internal;

import java.time.Duration;

/**
 * The delay before a source's next poll: the configured interval after a success, doubled after
 * each consecutive failure up to {@link #MAX_BACKOFF_FACTOR} times the interval, so that a source
 * that is down costs little while it stays down and is found again within a few intervals.
 */
record PollSchedule(Duration interval) {

  /** Upper bound of the backoff, as a multiple of the interval. */
  static final int MAX_BACKOFF_FACTOR = 8;

  PollSchedule {
    if (interval.isZero() || interval.isNegative()) {
      throw new IllegalArgumentException("poll interval must be positive: " + interval);
    }
  }

  /** Returns the delay before the next poll after the given number of consecutive failures. */
  Duration delayAfter(int consecutiveFailures) {
    if (consecutiveFailures <= 0) {
      return interval;
    }
    int factor = 1 << Math.min(consecutiveFailures, 3);
    return interval.multipliedBy(Math.min(factor, MAX_BACKOFF_FACTOR));
  }
}
