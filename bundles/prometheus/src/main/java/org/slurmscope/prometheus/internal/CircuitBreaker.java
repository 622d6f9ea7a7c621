package org.slurmscope.prometheus.internal;

import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * A circuit breaker over the attempts sent to one server, so that a server that is down costs a
 * console nothing per refresh: after {@code failureThreshold} failed attempts in a row it opens and
 * rejects requests at once for {@code openDuration}; then it lets one request through as a probe
 * (half-open). The probe's success closes it; its failure opens it again.
 *
 * <p>Only failures that mean the server cannot serve (no connection, timeouts, HTTP 502, 503, 504)
 * count. A response such as 400 or 422 shows the server is up, so it counts as a success.
 */
final class CircuitBreaker {

  /** The breaker's states. */
  enum State {
    CLOSED,
    OPEN,
    HALF_OPEN
  }

  private final int failureThreshold;
  private final long openNanos;
  private final LongSupplier nanoTime;

  // guarded by this
  private State state = State.CLOSED;
  private int consecutiveFailures;
  private long openedAt;
  private boolean probeInFlight;
  private String lastFailure = "";

  /**
   * Creates a closed breaker.
   *
   * @param nanoTime the clock, {@link System#nanoTime} outside tests
   */
  CircuitBreaker(int failureThreshold, Duration openDuration, LongSupplier nanoTime) {
    this.failureThreshold = failureThreshold;
    this.openNanos = openDuration.toNanos();
    this.nanoTime = nanoTime;
  }

  /**
   * Asks to send one attempt.
   *
   * @return 0 when the attempt may go, or the nanoseconds until the breaker lets a probe through
   */
  synchronized long tryAcquire() {
    if (state == State.CLOSED) {
      return 0;
    }
    long now = nanoTime.getAsLong();
    if (state == State.OPEN) {
      long remaining = openedAt + openNanos - now;
      if (remaining > 0) {
        return remaining;
      }
      state = State.HALF_OPEN;
    }
    if (probeInFlight) {
      // Another caller is probing: wait for its verdict instead of sending a second probe.
      return Math.max(1, openedAt + openNanos - now);
    }
    probeInFlight = true;
    return 0;
  }

  /** Records an attempt that got a response from the server. */
  synchronized void onSuccess() {
    state = State.CLOSED;
    consecutiveFailures = 0;
    probeInFlight = false;
  }

  /**
   * Records an attempt that failed because the server could not serve.
   *
   * @return true when this failure opened the breaker
   */
  synchronized boolean onFailure(String reason) {
    lastFailure = reason;
    consecutiveFailures++;
    probeInFlight = false;
    if (state == State.HALF_OPEN
        || (state == State.CLOSED && consecutiveFailures >= failureThreshold)) {
      state = State.OPEN;
      openedAt = nanoTime.getAsLong();
      return true;
    }
    return false;
  }

  /**
   * Records an attempt that ended without a verdict on the server, such as one the caller
   * interrupted: a probe slot it held is given back.
   */
  synchronized void onAbandoned() {
    probeInFlight = false;
  }

  synchronized State state() {
    return state;
  }

  /** Returns the failed attempts in a row so far. */
  synchronized int consecutiveFailures() {
    return consecutiveFailures;
  }

  /** Returns the reason of the last failure, for the message of a rejected request. */
  synchronized String lastFailure() {
    return lastFailure;
  }
}
