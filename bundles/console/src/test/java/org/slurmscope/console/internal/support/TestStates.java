package org.slurmscope.console.internal.support;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.slurmscope.api.metrics.MetricResult;
import org.slurmscope.api.metrics.MetricSnapshot;
import org.slurmscope.api.metrics.NodeMetrics;
import org.slurmscope.api.slurm.Job;
import org.slurmscope.api.slurm.JobState;
import org.slurmscope.api.slurm.MemoryRequest;
import org.slurmscope.api.slurm.Node;
import org.slurmscope.api.slurm.NodeState;
import org.slurmscope.api.slurm.SlurmSnapshot;
import org.slurmscope.api.slurm.TimeLimit;
import org.slurmscope.api.state.ClusterState;
import org.slurmscope.api.state.SourceStatus;
import org.slurmscope.api.state.SourceStatus.Health;

/** A small cluster modelled on the testbed's seeded state, for view and screen tests. */
public final class TestStates {

  public static final Instant NOW = Instant.parse("2026-12-04T10:00:00Z");

  private TestStates() {}

  public static SlurmSnapshot slurm() {
    List<Node> nodes =
        List.of(
            Node.builder("node01", NodeState.of("ALLOCATED"))
                .partitions(List.of("debug", "batch"))
                .cpusAllocated(8)
                .cpusTotal(8)
                .memoryAllocatedMb(4096L)
                .memoryTotalMb(16000L)
                .cpuLoad(7.5)
                .build(),
            Node.builder("node04", new NodeState("IDLE", List.of("DRAIN")))
                .partitions(List.of("batch", "gpu"))
                .cpusAllocated(0)
                .cpusTotal(8)
                .memoryAllocatedMb(0L)
                .memoryTotalMb(16000L)
                .cpuLoad(0.0)
                .reason("maintenance")
                .build(),
            Node.builder("node06", new NodeState("DOWN", List.of("NOT_RESPONDING")))
                .partitions(List.of("batch", "gpu"))
                .cpusAllocated(0)
                .cpusTotal(8)
                .invalid("memoryTotalMb")
                .build());
    List<Job> jobs =
        List.of(
            Job.builder("6", JobState.of("RUNNING"))
                .user("alice")
                .partition("debug")
                .name("train-resnet50")
                .reason("None")
                .startTime(NOW.minusSeconds(3723))
                .timeLimit(TimeLimit.ofMinutes(60))
                .nodes("node01")
                .nodeCount(1)
                .cpus(8)
                .memory(new MemoryRequest(4096, MemoryRequest.Per.NODE))
                .build(),
            Job.builder("8_[3-6%2]", JobState.of("PENDING"))
                .arrayJobId("8")
                .arrayTaskId("3-6%2")
                .user("bob")
                .partition("batch")
                .name("preprocess")
                .reason("JobArrayTaskLimit")
                .timeLimit(TimeLimit.UNLIMITED)
                .nodes("")
                .nodeCount(1)
                .cpus(1)
                .memory(new MemoryRequest(512, MemoryRequest.Per.CPU))
                .build());
    return new SlurmSnapshot(
        "testbed", "22.05.8", "v0.0.38", NOW.minusSeconds(3), jobs, nodes, List.of(), List.of());
  }

  public static MetricSnapshot metrics() {
    return new MetricSnapshot(
        NOW.minusSeconds(2),
        Map.of(
            NodeMetrics.CPU_PERCENT,
            new MetricResult(
                NodeMetrics.CPU_PERCENT,
                Map.of("node01", 90.25, "node04", 0.5),
                "cpu query",
                List.of())),
        Map.of());
  }

  public static ClusterState state() {
    return new ClusterState(
        7,
        NOW,
        slurm(),
        new SourceStatus("cli", Health.OK, "", NOW, NOW),
        metrics(),
        new SourceStatus("prometheus", Health.OK, "", NOW, NOW));
  }
}
