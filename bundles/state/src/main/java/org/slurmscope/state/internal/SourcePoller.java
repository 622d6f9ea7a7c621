package org.slurmscope.state.internal;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Runs one source's poll on its own named thread: one poll at a time, never overlapping, the next
 * one scheduled after the previous ends, with backoff after failures.
 */
final class SourcePoller {

  /** One poll; returns true on success. Runs on the poller's thread. */
  interface Poll {
    boolean run() throws InterruptedException;
  }

  private final ScheduledExecutorService executor;
  private final Poll poll;
  private volatile PollSchedule schedule;

  // guarded by this
  private ScheduledFuture<?> next;
  // guarded by this
  private int consecutiveFailures;
  // guarded by this
  private boolean running;
  // guarded by this: a pollNow() that arrived while a poll was running
  private boolean rerunRequested;
  // guarded by this: when the last poll ended, in System.nanoTime() milliseconds
  private long lastEndMillis = System.nanoTime() / 1_000_000;

  SourcePoller(String threadName, PollSchedule schedule, Poll poll) {
    this.schedule = schedule;
    this.poll = poll;
    this.executor =
        Executors.newSingleThreadScheduledExecutor(
            runnable -> {
              Thread thread = new Thread(runnable, threadName);
              thread.setDaemon(true);
              return thread;
            });
  }

  /**
   * Polls now and then on schedule. Replaces a poll that was waiting for its turn; while a poll
   * runs, the next one starts as soon as it ends.
   */
  synchronized void pollNow() {
    if (running) {
      rerunRequested = true;
      return;
    }
    scheduleNext(Duration.ZERO);
  }

  /**
   * Changes the interval. A poll waiting for its turn is moved to the last poll's end plus the new
   * interval, or to now when that has passed, so a shorter interval takes effect at once.
   */
  synchronized void reschedule(PollSchedule newSchedule) {
    schedule = newSchedule;
    if (running || next == null || next.isDone()) {
      return;
    }
    long sinceLastMillis = System.nanoTime() / 1_000_000 - lastEndMillis;
    long delayMillis =
        Math.max(0, newSchedule.delayAfter(consecutiveFailures).toMillis() - sinceLastMillis);
    if (delayMillis < next.getDelay(TimeUnit.MILLISECONDS)) {
      scheduleNext(Duration.ofMillis(delayMillis));
    }
  }

  /**
   * Stops polling, interrupting a poll in progress, and waits up to the given time for it to end.
   */
  void stop(Duration wait) {
    synchronized (this) {
      if (next != null) {
        next.cancel(false);
      }
    }
    executor.shutdownNow();
    try {
      executor.awaitTermination(wait.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private synchronized void scheduleNext(Duration delay) {
    if (executor.isShutdown()) {
      return;
    }
    if (next != null) {
      next.cancel(false);
    }
    next = executor.schedule(this::runOnce, delay.toMillis(), TimeUnit.MILLISECONDS);
  }

  private void runOnce() {
    synchronized (this) {
      running = true;
    }
    boolean success = false;
    try {
      success = poll.run();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return;
    } finally {
      synchronized (this) {
        running = false;
        lastEndMillis = System.nanoTime() / 1_000_000;
        consecutiveFailures = success ? 0 : consecutiveFailures + 1;
        Duration delay = rerunRequested ? Duration.ZERO : schedule.delayAfter(consecutiveFailures);
        rerunRequested = false;
        scheduleNext(delay);
      }
    }
  }
}
