package org.slurmscope.demo.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.slurmscope.api.slurm.Job;
import org.slurmscope.api.slurm.Node;
import org.slurmscope.api.slurm.SlurmSnapshot;

/** A node's allocation is the sum of the jobs running on it, and its state follows from it. */
class DemoClusterAllocationTest {

  private static final DemoCluster CLUSTER = Samples.defaultCluster();

  static Stream<Instant> moments() {
    return Samples.MOMENTS.stream();
  }

  @ParameterizedTest
  @MethodSource("moments")
  void allocatedCpusAreTheRunningJobsCpus(Instant moment) {
    SlurmSnapshot snapshot = CLUSTER.snapshotAt(moment);

    for (Node node : snapshot.nodes()) {
      int jobCpus = 0;
      for (Job job : Samples.runningOn(snapshot, node)) {
        jobCpus += job.cpus() / job.nodeCount();
      }
      assertThat(node.cpusAllocated()).as(node.name()).isEqualTo(jobCpus);
      assertThat(node.cpusAllocated()).as(node.name()).isBetween(0, node.cpusTotal());
    }
  }

  @ParameterizedTest
  @MethodSource("moments")
  void allocatedMemoryIsTheRunningJobsMemory(Instant moment) {
    SlurmSnapshot snapshot = CLUSTER.snapshotAt(moment);

    for (Node node : snapshot.nodes()) {
      long jobMemory = 0;
      for (Job job : Samples.runningOn(snapshot, node)) {
        jobMemory += job.memory().totalMebibytes(job.cpus() / job.nodeCount(), 1);
      }
      assertThat(node.memoryAllocatedMb()).as(node.name()).isEqualTo(jobMemory);
      assertThat(node.memoryAllocatedMb()).as(node.name()).isBetween(0L, node.memoryTotalMb());
    }
  }

  @ParameterizedTest
  @MethodSource("moments")
  void baseStateFollowsAllocation(Instant moment) {
    for (Node node : CLUSTER.snapshotAt(moment).nodes()) {
      String base = node.state().base();
      if (base.equals("DOWN")) {
        assertThat(node.cpusAllocated()).as(node.name()).isZero();
      } else if (node.cpusAllocated() == 0) {
        assertThat(base).as(node.name()).isEqualTo("IDLE");
      } else if (node.cpusAllocated() < node.cpusTotal()) {
        assertThat(base).as(node.name()).isEqualTo("MIXED");
      } else {
        assertThat(base).as(node.name()).isEqualTo("ALLOCATED");
      }
    }
  }

  @ParameterizedTest
  @MethodSource("moments")
  void loadFollowsAllocation(Instant moment) {
    for (Node node : CLUSTER.snapshotAt(moment).nodes()) {
      if (node.state().base().equals("DOWN")) {
        assertThat(node.cpuLoad()).as(node.name()).isNull();
        continue;
      }
      // Jobs keep at most their CPUs busy; noise adds at most 5% and 0.09.
      assertThat(node.cpuLoad())
          .as(node.name())
          .isLessThanOrEqualTo(node.cpusAllocated() * 1.05 + 0.1);
      if (node.cpusAllocated() == 0) {
        assertThat(node.cpuLoad()).as(node.name()).isLessThan(0.1);
      }
    }
  }

  @ParameterizedTest
  @MethodSource("moments")
  void freeMemoryLeavesRoomForAllocatedJobs(Instant moment) {
    for (Node node : CLUSTER.snapshotAt(moment).nodes()) {
      if (node.memoryFreeMb() != null) {
        assertThat(node.memoryFreeMb()).as(node.name()).isBetween(0L, node.memoryTotalMb());
        assertThat(node.memoryTotalMb() - node.memoryFreeMb())
            .as(node.name())
            .isLessThanOrEqualTo(node.memoryAllocatedMb() + node.memoryTotalMb() / 20);
      }
    }
  }

  @ParameterizedTest
  @MethodSource("moments")
  void unavailableNodesRunNoJobs(Instant moment) {
    SlurmSnapshot snapshot = CLUSTER.snapshotAt(moment);

    List<Node> unavailable =
        snapshot.nodes().stream()
            .filter(
                node ->
                    node.state().base().equals("DOWN")
                        || node.state().compound().equals("IDLE+DRAIN"))
            .toList();

    assertThat(unavailable).isNotEmpty();
    for (Node node : unavailable) {
      assertThat(Samples.runningOn(snapshot, node)).as(node.name()).isEmpty();
    }
  }

  @ParameterizedTest
  @MethodSource("moments")
  void runningJobsNameExistingNodes(Instant moment) {
    SlurmSnapshot snapshot = CLUSTER.snapshotAt(moment);
    List<String> names = snapshot.nodes().stream().map(Node::name).toList();

    for (Job job : snapshot.jobs()) {
      if (job.state().isPending()) {
        assertThat(job.nodes()).as(job.id()).isEmpty();
      } else {
        assertThat(names).as(job.id()).containsAll(Samples.expand(job.nodes()));
        assertThat(Samples.expand(job.nodes())).as(job.id()).hasSize(job.nodeCount());
      }
    }
  }
}
