package org.slurmscope.state.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.slurmscope.api.state.ClusterState;
import org.slurmscope.api.state.ClusterStateListener;
import org.slurmscope.api.state.SourceStatus;
import org.slurmscope.api.state.SourceStatus.Health;

class StatePublisherTest {

  private final Clock clock = Clock.fixed(Instant.parse("2026-12-04T10:00:00Z"), ZoneOffset.UTC);
  private final List<RuntimeException> failures = new ArrayList<>();
  private final StatePublisher publisher =
      new StatePublisher(clock, (listener, error) -> failures.add(error));

  @Test
  void newListenerGetsCurrentStateAtOnce() {
    List<ClusterState> seen = new ArrayList<>();
    publisher.addListener(seen::add);

    assertThat(seen).hasSize(1);
    assertThat(seen.get(0).generation()).isZero();
  }

  @Test
  void updateIncrementsGenerationAndReachesListeners() {
    List<ClusterState> seen = new ArrayList<>();
    publisher.addListener(seen::add);

    publisher.update(state -> withSlurmStatus(state, Health.OK));
    publisher.update(state -> withSlurmStatus(state, Health.DEGRADED));

    assertThat(seen).extracting(ClusterState::generation).containsExactly(0L, 1L, 2L);
    assertThat(publisher.current().slurmStatus().health()).isEqualTo(Health.DEGRADED);
  }

  @Test
  void failingListenerDoesNotStopOthers() {
    List<ClusterState> seen = new ArrayList<>();
    ClusterStateListener failing =
        state -> {
          throw new IllegalStateException("listener broken");
        };
    publisher.addListener(failing);
    publisher.addListener(seen::add);

    publisher.update(state -> withSlurmStatus(state, Health.OK));

    assertThat(seen).hasSize(2);
    assertThat(failures).extracting(Throwable::getMessage).contains("listener broken");
  }

  @Test
  void removedListenerGetsNothingMore() {
    List<ClusterState> seen = new ArrayList<>();
    ClusterStateListener listener = seen::add;
    publisher.addListener(listener);
    publisher.removeListener(listener);

    publisher.update(state -> withSlurmStatus(state, Health.OK));

    assertThat(seen).hasSize(1);
  }

  private static ClusterState withSlurmStatus(ClusterState state, Health health) {
    return new ClusterState(
        state.generation(),
        state.publishedAt(),
        state.slurm(),
        new SourceStatus("test", health, "", null, null),
        state.metrics(),
        state.metricStatus());
  }
}
