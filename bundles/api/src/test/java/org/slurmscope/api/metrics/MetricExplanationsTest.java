package org.slurmscope.api.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.slurmscope.api.slurm.Gpus;
import org.slurmscope.api.slurm.Job;
import org.slurmscope.api.slurm.JobState;

class MetricExplanationsTest {

  private static final Instant AT = Instant.parse("2026-12-04T21:50:00Z");
  private static final String LOAD_QUERY = "max by (instance) (node_load1)";

  private static MetricResult load(
      Map<String, Double> values,
      Map<String, List<SeriesRef>> series,
      Map<String, Absence> absent,
      List<SeriesRef> unmapped) {
    MetricExplanation explanation =
        new MetricExplanation(
            LOAD_QUERY,
            "instance, port removed, host name kept",
            series,
            absent,
            unmapped,
            unmapped.size(),
            AT);
    return new MetricResult(NodeMetrics.LOAD1, values, LOAD_QUERY, List.of(), explanation);
  }

  private static MetricSnapshot snapshot(MetricResult... results) {
    Map<String, MetricResult> byMetric = new java.util.HashMap<>();
    for (MetricResult result : results) {
      byMetric.put(result.metric(), result);
    }
    return new MetricSnapshot(AT, byMetric, Map.of());
  }

  @Test
  void valueShowsQueryAndSeries() {
    SeriesRef series = new SeriesRef(Map.of("instance", "node01:9100"), 7.5);
    MetricSnapshot snapshot =
        snapshot(
            load(Map.of("node01", 7.5), Map.of("node01", List.of(series)), Map.of(), List.of()));

    assertThat(MetricExplanations.lines(snapshot, NodeMetrics.LOAD1, "node01", List.of("node01")))
        .containsExactly(
            "node.load1 for node01: 7.500",
            "  query: max by (instance) (node_load1)",
            "  mapping: instance, port removed, host name kept",
            "  series: {instance=\"node01:9100\"} 7.500");
  }

  @Test
  void downExporterIsTheReason() {
    MetricResult up =
        new MetricResult(
            NodeMetrics.UP,
            Map.of("node06", 0.0),
            "up",
            List.of(),
            new MetricExplanation(
                "up",
                "instance",
                Map.of(
                    "node06",
                    List.of(new SeriesRef(Map.of("instance", "node06:9100", "job", "node"), 0))),
                Map.of(),
                List.of(),
                0,
                AT));
    MetricSnapshot snapshot = snapshot(load(Map.of(), Map.of(), Map.of(), List.of()), up);

    assertThat(MetricExplanations.lines(snapshot, NodeMetrics.LOAD1, "node06", List.of("node06")))
        .contains("  reason: exporter down: {instance=\"node06:9100\",job=\"node\"} up=0");
  }

  @Test
  void fullyQualifiedSeriesExplainTheMappingFailure() {
    MetricSnapshot snapshot =
        snapshot(load(Map.of("node01.cluster.example.org", 1.0), Map.of(), Map.of(), List.of()));

    assertThat(MetricExplanations.lines(snapshot, NodeMetrics.LOAD1, "node01", List.of("node01")))
        .contains(
            "  reason: mapping failed: series map to node01.cluster.example.org, not node01; check"
                + " the domain rule (domainMode, nodeDomain) in org.slurmscope.query");
  }

  @Test
  void recordedAbsenceWins() {
    MetricSnapshot snapshot =
        snapshot(
            load(
                Map.of(),
                Map.of(),
                Map.of("node02", new Absence(Absence.Reason.STALE, "the series ended")),
                List.of()));

    assertThat(MetricExplanations.lines(snapshot, NodeMetrics.LOAD1, "node02", List.of()))
        .contains("  reason: stale: the series ended");
  }

  @Test
  void noSeriesIsSaidPlainly() {
    MetricSnapshot snapshot = snapshot(load(Map.of(), Map.of(), Map.of(), List.of()));

    assertThat(MetricExplanations.lines(snapshot, NodeMetrics.LOAD1, "node03", List.of()))
        .contains("  reason: no series: Prometheus returned no series for node03");
  }

  @Test
  void failedQueryShowsItsError() {
    MetricSnapshot snapshot =
        new MetricSnapshot(AT, Map.of(), Map.of(NodeMetrics.LOAD1, "nodeLoad1Query failed: 400"));

    assertThat(MetricExplanations.lines(snapshot, NodeMetrics.LOAD1, "node01", List.of()))
        .containsExactly(
            "node.load1 for node01: no value",
            "  reason: the query failed: nodeLoad1Query failed: 400");
  }

  @Test
  void arrayTaskSaysWhyItHasNoKey() {
    Job task = Job.builder("8_1", JobState.of("RUNNING")).arrayJobId("8").arrayTaskId("1").build();

    List<String> lines =
        MetricExplanations.forJob(snapshot(), List.of(JobMetrics.MEMORY_BYTES), task);

    assertThat(lines.get(0)).isEqualTo("job.memory.bytes for job 8_1: no value");
    assertThat(lines.get(1)).contains("array tasks and heterogeneous components");
  }

  @Test
  void gpuJobWithoutJobLabelShowsTheSlurmJoin() {
    Job job =
        Job.builder("10", JobState.of("RUNNING"))
            .gpus(new Gpus(1, Map.of(), List.of(1)))
            .hosts(List.of("node05"))
            .build();
    MetricSnapshot snapshot =
        snapshot(
            new MetricResult(JobMetrics.GPU_UTILIZATION_PERCENT, Map.of(), "q", List.of()),
            new MetricResult(
                GpuMetrics.UTILIZATION_PERCENT,
                Map.of("node05/0", 90.0, "node05/1", 30.0),
                "q",
                List.of()));

    List<String> lines =
        MetricExplanations.forJob(snapshot, List.of(JobMetrics.GPU_UTILIZATION_PERCENT), job);

    assertThat(lines)
        .contains("  SLURM GPU join: 30, the average of gpu.utilization.percent for node05/1");
  }

  @Test
  void nodeExplanationListsItsGpus() {
    MetricResult gpus =
        new MetricResult(
            GpuMetrics.UTILIZATION_PERCENT,
            Map.of("node05/0", 90.0, "node06/0", 10.0),
            "q",
            List.of(),
            new MetricExplanation(
                "q",
                "",
                Map.of(),
                Map.of("node05/1", new Absence(Absence.Reason.BLANK_VALUE, "DCGM sent its blank")),
                List.of(),
                0,
                AT));
    org.slurmscope.api.slurm.Node node =
        org.slurmscope.api.slurm.Node.builder(
                "node05", new org.slurmscope.api.slurm.NodeState("IDLE", List.of()))
            .build();

    List<String> lines =
        MetricExplanations.forNode(snapshot(gpus), List.of(GpuMetrics.UTILIZATION_PERCENT), node);

    assertThat(lines)
        .contains(
            "gpu.utilization.percent for node05/0: 90",
            "  reason: blank value: DCGM sent its blank");
    assertThat(lines).noneMatch(line -> line.contains("node06"));
  }
}
