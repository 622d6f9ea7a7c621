package org.slurmscope.state.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class PollScheduleTest {

  private final PollSchedule schedule = new PollSchedule(Duration.ofSeconds(30));

  @Test
  void successKeepsInterval() {
    assertThat(schedule.delayAfter(0)).isEqualTo(Duration.ofSeconds(30));
  }

  @Test
  void failuresDoubleTheDelay() {
    assertThat(schedule.delayAfter(1)).isEqualTo(Duration.ofSeconds(60));
    assertThat(schedule.delayAfter(2)).isEqualTo(Duration.ofSeconds(120));
  }

  @Test
  void backoffStopsAtEightIntervals() {
    assertThat(schedule.delayAfter(3)).isEqualTo(Duration.ofSeconds(240));
    assertThat(schedule.delayAfter(50)).isEqualTo(Duration.ofSeconds(240));
  }

  @Test
  void zeroIntervalRejected() {
    assertThatThrownBy(() -> new PollSchedule(Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
