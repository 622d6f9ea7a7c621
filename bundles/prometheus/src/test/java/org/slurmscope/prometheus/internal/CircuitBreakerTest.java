package org.slurmscope.prometheus.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class CircuitBreakerTest {

  private final AtomicLong clock = new AtomicLong(1_000);
  private final CircuitBreaker breaker = new CircuitBreaker(3, Duration.ofSeconds(10), clock::get);

  private void fail(int times) {
    for (int i = 0; i < times; i++) {
      breaker.tryAcquire();
      breaker.onFailure("Connection refused");
    }
  }

  @Test
  void staysClosedBelowThreshold() {
    fail(2);

    assertThat(breaker.state()).isEqualTo(CircuitBreaker.State.CLOSED);
    assertThat(breaker.tryAcquire()).isZero();
  }

  @Test
  void successResetsTheCount() {
    fail(2);
    breaker.onSuccess();
    fail(2);

    assertThat(breaker.state()).isEqualTo(CircuitBreaker.State.CLOSED);
    assertThat(breaker.consecutiveFailures()).isEqualTo(2);
  }

  @Test
  void opensAtThresholdAndReportsTimeLeft() {
    fail(3);
    clock.addAndGet(Duration.ofSeconds(4).toNanos());

    assertThat(breaker.state()).isEqualTo(CircuitBreaker.State.OPEN);
    assertThat(breaker.tryAcquire()).isEqualTo(Duration.ofSeconds(6).toNanos());
    assertThat(breaker.lastFailure()).isEqualTo("Connection refused");
  }

  @Test
  void letsOneProbeThroughAfterOpenTime() {
    fail(3);
    clock.addAndGet(Duration.ofSeconds(10).toNanos());

    long probe = breaker.tryAcquire();
    long second = breaker.tryAcquire();

    assertThat(probe).isZero();
    assertThat(breaker.state()).isEqualTo(CircuitBreaker.State.HALF_OPEN);
    assertThat(second).isPositive();
  }

  @Test
  void probeSuccessCloses() {
    fail(3);
    clock.addAndGet(Duration.ofSeconds(10).toNanos());
    breaker.tryAcquire();

    breaker.onSuccess();

    assertThat(breaker.state()).isEqualTo(CircuitBreaker.State.CLOSED);
    assertThat(breaker.tryAcquire()).isZero();
  }

  @Test
  void probeFailureOpensForAnotherPeriod() {
    fail(3);
    clock.addAndGet(Duration.ofSeconds(10).toNanos());
    breaker.tryAcquire();

    boolean opened = breaker.onFailure("Read timed out");

    assertThat(opened).isTrue();
    assertThat(breaker.state()).isEqualTo(CircuitBreaker.State.OPEN);
    assertThat(breaker.tryAcquire()).isEqualTo(Duration.ofSeconds(10).toNanos());
  }

  @Test
  void abandonedProbeLetsTheNextCallerProbe() {
    fail(3);
    clock.addAndGet(Duration.ofSeconds(10).toNanos());
    breaker.tryAcquire();

    breaker.onAbandoned();

    assertThat(breaker.tryAcquire()).isZero();
  }
}
