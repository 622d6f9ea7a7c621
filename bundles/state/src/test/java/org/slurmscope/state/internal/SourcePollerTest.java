package org.slurmscope.state.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class SourcePollerTest {

  /** Long enough that no scheduled poll happens during a test. */
  private static final PollSchedule HOUR = new PollSchedule(Duration.ofHours(1));

  @Test
  void pollNowRunsAtOnce() throws InterruptedException {
    CountDownLatch polled = new CountDownLatch(1);
    SourcePoller poller =
        new SourcePoller(
            "test-poll",
            HOUR,
            () -> {
              polled.countDown();
              return true;
            });
    poller.pollNow();

    assertThat(polled.await(5, TimeUnit.SECONDS)).isTrue();
    poller.stop(Duration.ofSeconds(1));
  }

  @Test
  void pollNowDuringPollRunsAgainAfterIt() throws InterruptedException {
    CountDownLatch firstStarted = new CountDownLatch(1);
    CountDownLatch releaseFirst = new CountDownLatch(1);
    CountDownLatch secondDone = new CountDownLatch(1);
    AtomicInteger runs = new AtomicInteger();
    SourcePoller poller =
        new SourcePoller(
            "test-poll",
            HOUR,
            () -> {
              if (runs.incrementAndGet() == 1) {
                firstStarted.countDown();
                releaseFirst.await();
              } else {
                secondDone.countDown();
              }
              return true;
            });
    poller.pollNow();
    assertThat(firstStarted.await(5, TimeUnit.SECONDS)).isTrue();

    poller.pollNow();
    releaseFirst.countDown();

    assertThat(secondDone.await(5, TimeUnit.SECONDS)).isTrue();
    assertThat(runs).hasValue(2);
    poller.stop(Duration.ofSeconds(1));
  }

  @Test
  void shorterIntervalMovesWaitingPoll() throws InterruptedException {
    CountDownLatch first = new CountDownLatch(1);
    CountDownLatch second = new CountDownLatch(2);
    SourcePoller poller =
        new SourcePoller(
            "test-poll",
            HOUR,
            () -> {
              first.countDown();
              second.countDown();
              return true;
            });
    poller.pollNow();
    assertThat(first.await(5, TimeUnit.SECONDS)).isTrue();
    // Let the first poll end and schedule the second one an hour ahead.
    Thread.sleep(200);

    poller.reschedule(new PollSchedule(Duration.ofMillis(100)));

    assertThat(second.await(5, TimeUnit.SECONDS)).isTrue();
    poller.stop(Duration.ofSeconds(1));
  }

  @Test
  void stopInterruptsRunningPoll() throws InterruptedException {
    CountDownLatch started = new CountDownLatch(1);
    CountDownLatch interrupted = new CountDownLatch(1);
    SourcePoller poller =
        new SourcePoller(
            "test-poll",
            HOUR,
            () -> {
              started.countDown();
              try {
                Thread.sleep(60_000);
              } catch (InterruptedException e) {
                interrupted.countDown();
                throw e;
              }
              return true;
            });
    poller.pollNow();
    assertThat(started.await(5, TimeUnit.SECONDS)).isTrue();

    poller.stop(Duration.ofSeconds(5));

    assertThat(interrupted.getCount()).isZero();
  }
}
