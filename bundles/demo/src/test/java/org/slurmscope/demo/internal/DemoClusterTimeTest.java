package org.slurmscope.demo.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.slurmscope.api.slurm.Job;
import org.slurmscope.api.slurm.SlurmSnapshot;

/** Jobs move through their states as time passes, and new ones keep arriving. */
class DemoClusterTimeTest {

  private static final DemoCluster CLUSTER = Samples.defaultCluster();

  @Test
  void pendingJobRunsAtItsExpectedStart() {
    List<Job> pending =
        CLUSTER.snapshotAt(Samples.START).jobs().stream()
            .filter(job -> job.state().isPending() && job.arrayJobId() == null)
            .toList();

    assertThat(pending).hasSizeGreaterThan(50);
    for (Job job : pending) {
      Optional<Job> later = find(CLUSTER.snapshotAt(job.startTime().plusSeconds(1)), job.id());

      assertThat(later).as(job.id()).isPresent();
      assertThat(later.get().state().isRunning()).as(job.id()).isTrue();
      assertThat(later.get().submitTime()).as(job.id()).isEqualTo(job.submitTime());
    }
  }

  @Test
  void runningJobFinishesByItsLimit() {
    List<Job> running =
        CLUSTER.snapshotAt(Samples.START).jobs().stream()
            .filter(job -> job.state().isRunning())
            .toList();

    assertThat(running).hasSizeGreaterThan(30);
    for (Job job : running) {
      Optional<Job> later = find(CLUSTER.snapshotAt(job.endTime().plusSeconds(1)), job.id());

      later.ifPresent(finished -> assertThat(finished.state().isFinished()).as(job.id()).isTrue());
    }
  }

  @Test
  void finishedJobDropsOffAfterMinJobAge() {
    Job finished =
        CLUSTER.snapshotAt(Samples.START).jobs().stream()
            .filter(job -> job.state().isFinished())
            .findFirst()
            .orElseThrow();

    Instant later = finished.endTime().plus(Duration.ofMinutes(16));

    assertThat(find(CLUSTER.snapshotAt(later), finished.id())).isEmpty();
  }

  @Test
  void jobsChangeWithinAMinute() {
    Map<String, String> before = states(CLUSTER.snapshotAt(Samples.START));
    Map<String, String> after = states(CLUSTER.snapshotAt(Samples.START.plusSeconds(60)));

    assertThat(after).isNotEqualTo(before);
  }

  @Test
  void clusterNeverEmpties() {
    for (int day = 0; day < 30; day += 3) {
      SlurmSnapshot snapshot = CLUSTER.snapshotAt(Samples.START.plus(Duration.ofDays(day)));

      assertThat(snapshot.jobs()).filteredOn(job -> job.state().isRunning()).isNotEmpty();
      assertThat(snapshot.jobs()).filteredOn(job -> job.state().isPending()).isNotEmpty();
    }
  }

  @Test
  void jobListIsReplacedWithinThreeDays() {
    List<String> now = ids(CLUSTER.snapshotAt(Samples.START));
    List<String> tomorrow = ids(CLUSTER.snapshotAt(Samples.START.plus(Duration.ofDays(1))));
    List<String> inThreeDays = ids(CLUSTER.snapshotAt(Samples.START.plus(Duration.ofDays(3))));

    // Only jobs that wait longer than a day, behind eight-hour bigmem or GPU jobs, remain.
    assertThat(tomorrow.stream().filter(now::contains).count()).isLessThan(tomorrow.size() / 10);
    assertThat(inThreeDays).doesNotContainAnyElementsOf(now);
  }

  @Test
  void submitPrecedesStartPrecedesEnd() {
    for (Job job : CLUSTER.snapshotAt(Samples.START).jobs()) {
      assertThat(job.submitTime()).as(job.id()).isBefore(job.startTime());
      assertThat(job.startTime()).as(job.id()).isBefore(job.endTime());
    }
  }

  @Test
  void timedOutJobRanForItsWholeLimit() {
    List<Job> timedOut =
        CLUSTER.snapshotAt(Samples.START).jobs().stream()
            .filter(job -> job.state().base().equals("TIMEOUT"))
            .toList();

    assertThat(timedOut).isNotEmpty();
    for (Job job : timedOut) {
      Duration ran = Duration.between(job.startTime(), job.endTime());
      assertThat(ran).as(job.id()).isEqualTo(Duration.ofMinutes(job.timeLimit().minutes()));
    }
  }

  private static Optional<Job> find(SlurmSnapshot snapshot, String id) {
    return snapshot.jobs().stream().filter(job -> job.id().equals(id)).findFirst();
  }

  private static List<String> ids(SlurmSnapshot snapshot) {
    return snapshot.jobs().stream().map(Job::id).toList();
  }

  private static Map<String, String> states(SlurmSnapshot snapshot) {
    return snapshot.jobs().stream()
        .collect(Collectors.toMap(Job::id, job -> job.state().compound()));
  }
}
