package org.slurmscope.prometheus.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class RateLimiterTest {

  private final AtomicLong clock = new AtomicLong();

  @Test
  void burstOfOneSecondGoesAtOnce() throws Exception {
    RateLimiter limiter = new RateLimiter(5, clock::get);

    for (int i = 0; i < 5; i++) {
      assertThat(limiter.acquire(0)).isTrue();
    }
    assertThat(limiter.acquire(0)).isFalse();
  }

  @Test
  void tokensComeBackAtTheRate() throws Exception {
    RateLimiter limiter = new RateLimiter(5, clock::get);
    for (int i = 0; i < 5; i++) {
      limiter.acquire(0);
    }

    clock.addAndGet(TimeUnit.MILLISECONDS.toNanos(199));
    boolean early = limiter.acquire(0);
    clock.addAndGet(TimeUnit.MILLISECONDS.toNanos(1));
    boolean onTime = limiter.acquire(0);

    assertThat(early).isFalse();
    assertThat(onTime).isTrue();
  }

  @Test
  void slowRateStillAllowsOneRequest() throws Exception {
    RateLimiter limiter = new RateLimiter(0.1, clock::get);

    assertThat(limiter.acquire(0)).isTrue();
    assertThat(limiter.acquire(TimeUnit.SECONDS.toNanos(9))).isFalse();
  }

  @Test
  void waitWithinLimitSleepsUntilTheTokenIsDue() throws Exception {
    RateLimiter limiter = new RateLimiter(20, System::nanoTime);
    for (int i = 0; i < 20; i++) {
      limiter.acquire(0);
    }

    long start = System.nanoTime();
    boolean acquired = limiter.acquire(TimeUnit.SECONDS.toNanos(1));
    long waitedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

    assertThat(acquired).isTrue();
    assertThat(waitedMillis).isBetween(30L, 900L);
  }
}
