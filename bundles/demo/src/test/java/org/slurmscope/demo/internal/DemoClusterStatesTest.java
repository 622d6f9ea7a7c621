package org.slurmscope.demo.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.slurmscope.api.slurm.Job;
import org.slurmscope.api.slurm.Node;
import org.slurmscope.api.slurm.Partition;
import org.slurmscope.api.slurm.SlurmSnapshot;

/** At the default size every common state is on screen, whatever the moment. */
class DemoClusterStatesTest {

  private static final DemoCluster CLUSTER = Samples.defaultCluster();

  static Stream<Instant> moments() {
    return Samples.MOMENTS.stream();
  }

  @ParameterizedTest
  @MethodSource("moments")
  void everyNodeStateAppears(Instant moment) {
    Set<String> states = nodeStates(CLUSTER.snapshotAt(moment));

    assertThat(states).contains("IDLE");
    assertThat(states).contains("MIXED");
    assertThat(states).contains("ALLOCATED");
    assertThat(states).contains("IDLE+DRAIN");
    assertThat(states).contains("MIXED+DRAIN");
    assertThat(states).contains("DOWN+NOT_RESPONDING");
    assertThat(states).contains("IDLE+RESERVED");
    assertThat(states).anyMatch(state -> state.contains("+COMPLETING"));
  }

  @ParameterizedTest
  @MethodSource("moments")
  void everyJobStateAppears(Instant moment) {
    Set<String> states =
        CLUSTER.snapshotAt(moment).jobs().stream()
            .map(job -> job.state().base())
            .collect(Collectors.toSet());

    assertThat(states).contains("RUNNING");
    assertThat(states).contains("PENDING");
    assertThat(states).contains("COMPLETED");
    assertThat(states).contains("FAILED");
    assertThat(states).contains("CANCELLED");
    assertThat(states).contains("TIMEOUT");
    assertThat(states).contains("OUT_OF_MEMORY");
  }

  @ParameterizedTest
  @MethodSource("moments")
  void completingJobsKeepTheirEndState(Instant moment) {
    List<Job> completing =
        CLUSTER.snapshotAt(moment).jobs().stream()
            .filter(job -> job.state().flags().contains("COMPLETING"))
            .toList();

    assertThat(completing).isNotEmpty();
    assertThat(completing).allMatch(job -> job.state().isFinished());
  }

  @ParameterizedTest
  @MethodSource("moments")
  void everyPendingReasonAppears(Instant moment) {
    Set<String> reasons =
        CLUSTER.snapshotAt(moment).jobs().stream()
            .filter(job -> job.state().isPending())
            .map(Job::reason)
            .collect(Collectors.toSet());

    assertThat(reasons).contains("Resources");
    assertThat(reasons).contains("Priority");
    assertThat(reasons).contains("Dependency");
    assertThat(reasons).contains("JobHeldUser");
    assertThat(reasons).contains("BeginTime");
    assertThat(reasons).contains("QOSMaxJobsPerUserLimit");
  }

  @ParameterizedTest
  @MethodSource("moments")
  void arrayTasksAndPendingRemainderAppear(Instant moment) {
    List<Job> arrayJobs =
        CLUSTER.snapshotAt(moment).jobs().stream().filter(job -> job.arrayJobId() != null).toList();

    assertThat(arrayJobs).anyMatch(job -> job.id().matches("\\d+_\\d+") && job.state().isRunning());
    assertThat(arrayJobs)
        .anyMatch(job -> job.id().matches("\\d+_\\[\\d+-\\d+%\\d+]") && job.state().isPending());
    assertThat(arrayJobs).allMatch(job -> job.id().equals(job.arrayJobId() + "_" + bracketed(job)));
  }

  @Test
  void pendingRemainderCountsTheTasksNotStarted() {
    Job remainder =
        CLUSTER.snapshotAt(Samples.START).jobs().stream()
            .filter(job -> job.id().contains("["))
            .findFirst()
            .orElseThrow();

    assertThat(remainder.arrayTaskId()).matches("\\d+-20%4");
    assertThat(remainder.nodes()).isEmpty();
  }

  @Test
  void jobCountIsNearTheConfiguredCount() {
    for (Instant moment : Samples.MOMENTS) {
      assertThat(CLUSTER.snapshotAt(moment).jobs()).hasSizeBetween(240, 360);
    }
  }

  @Test
  void partitionsCoverTheKindsOfNodes() {
    List<Partition> partitions = CLUSTER.snapshotAt(Samples.START).partitions();

    assertThat(partitions)
        .extracting(Partition::name)
        .containsExactly("cpu", "gpu", "bigmem", "debug");
    assertThat(partitions)
        .filteredOn(Partition::isDefault)
        .extracting(Partition::name)
        .containsExactly("cpu");
    assertThat(partitions).extracting(Partition::totalNodes).containsExactly(50, 8, 4, 2);
  }

  @Test
  void nodeNamesFollowTheirKind() {
    List<String> names =
        CLUSTER.snapshotAt(Samples.START).nodes().stream().map(Node::name).toList();

    assertThat(names).hasSize(64);
    assertThat(names).doesNotHaveDuplicates();
    assertThat(names.get(0)).isEqualTo("cn001");
    assertThat(names).contains("cn052", "gpu01", "gpu08", "bigmem01", "bigmem04");
  }

  @Test
  void gpuNodesHaveGres() {
    List<Node> nodes = CLUSTER.snapshotAt(Samples.START).nodes();

    assertThat(nodes)
        .filteredOn(node -> node.name().startsWith("gpu"))
        .allMatch(node -> "gpu:a100:4".equals(node.gres()));
    assertThat(nodes)
        .filteredOn(node -> node.name().startsWith("cn"))
        .allMatch(node -> node.gres() == null);
  }

  @Test
  void severalUsersAndAccountsSubmit() {
    List<Job> jobs = CLUSTER.snapshotAt(Samples.START).jobs();

    assertThat(jobs.stream().map(Job::user).distinct().count()).isGreaterThanOrEqualTo(5);
    assertThat(jobs.stream().map(Job::account).distinct().count()).isGreaterThanOrEqualTo(3);
    assertThat(jobs.stream().map(Job::partition).collect(Collectors.toSet()))
        .containsExactlyInAnyOrder("cpu", "gpu", "bigmem", "debug");
  }

  @Test
  void drainedAndDownNodesGiveReasons() {
    List<Node> nodes = CLUSTER.snapshotAt(Samples.START).nodes();

    assertThat(nodes)
        .filteredOn(node -> node.state().hasFlag("DRAIN"))
        .allMatch(node -> node.reason() != null);
    assertThat(nodes)
        .filteredOn(node -> node.state().base().equals("DOWN"))
        .allMatch(node -> "Not responding".equals(node.reason()));
  }

  @Test
  void jobIdsAreUnique() {
    for (Instant moment : Samples.MOMENTS) {
      List<String> ids = CLUSTER.snapshotAt(moment).jobs().stream().map(Job::id).toList();

      assertThat(ids).doesNotHaveDuplicates();
    }
  }

  @Test
  void smallClusterHasNoRoleNodes() {
    SlurmSnapshot snapshot = new DemoCluster(42, 4, 20, "demo").snapshotAt(Samples.START);

    assertThat(snapshot.nodes())
        .extracting(Node::name)
        .containsExactly("cn001", "cn002", "cn003", "cn004");
    assertThat(nodeStates(snapshot)).noneMatch(state -> state.startsWith("DOWN"));
    assertThat(snapshot.partitions()).extracting(Partition::name).containsExactly("cpu");
  }

  @Test
  void zeroJobsLeaveEveryNodeWithoutAllocation() {
    SlurmSnapshot snapshot = new DemoCluster(42, 64, 0, "demo").snapshotAt(Samples.START);

    assertThat(snapshot.jobs()).isEmpty();
    assertThat(snapshot.nodes()).allMatch(node -> node.cpusAllocated() == 0);
  }

  private static Set<String> nodeStates(SlurmSnapshot snapshot) {
    return snapshot.nodes().stream()
        .map(node -> node.state().compound())
        .collect(Collectors.toSet());
  }

  private static String bracketed(Job job) {
    return job.arrayTaskId().contains("-") ? "[" + job.arrayTaskId() + "]" : job.arrayTaskId();
  }
}
