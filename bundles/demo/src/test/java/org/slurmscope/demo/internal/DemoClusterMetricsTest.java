package org.slurmscope.demo.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.slurmscope.api.metrics.MetricResult;
import org.slurmscope.api.metrics.MetricSnapshot;
import org.slurmscope.api.metrics.NodeMetrics;
import org.slurmscope.api.slurm.Node;
import org.slurmscope.api.slurm.SlurmSnapshot;

class DemoClusterMetricsTest {

  private static final DemoCluster CLUSTER = Samples.defaultCluster();

  static Stream<Instant> moments() {
    return Samples.MOMENTS.stream();
  }

  @ParameterizedTest
  @MethodSource("moments")
  void percentagesStayWithinRange(Instant moment) {
    MetricSnapshot metrics = CLUSTER.metricsAt(moment, DemoCluster.METRICS);

    assertThat(values(metrics, NodeMetrics.CPU_PERCENT).values()).allMatch(v -> v >= 0 && v <= 100);
    assertThat(values(metrics, NodeMetrics.MEMORY_PERCENT).values())
        .allMatch(v -> v >= 0 && v <= 100);
    assertThat(values(metrics, NodeMetrics.LOAD1).values()).allMatch(v -> v >= 0);
  }

  @ParameterizedTest
  @MethodSource("moments")
  void downNodesHaveNoSeries(Instant moment) {
    SlurmSnapshot snapshot = CLUSTER.snapshotAt(moment);
    MetricSnapshot metrics = CLUSTER.metricsAt(moment, DemoCluster.METRICS);

    for (Node node : snapshot.nodes()) {
      boolean down = node.state().base().equals("DOWN");
      for (String metric : DemoCluster.METRICS) {
        assertThat(metrics.value(metric, node.name()).isPresent()).as(node.name()).isEqualTo(!down);
      }
    }
  }

  @Test
  void valuesMoveBetweenRefreshes() {
    Map<String, Double> before =
        values(CLUSTER.metricsAt(Samples.START, DemoCluster.METRICS), NodeMetrics.CPU_PERCENT);
    Map<String, Double> after =
        values(
            CLUSTER.metricsAt(Samples.START.plusSeconds(5), DemoCluster.METRICS),
            NodeMetrics.CPU_PERCENT);

    long changed =
        before.keySet().stream().filter(node -> !before.get(node).equals(after.get(node))).count();

    assertThat(changed).isGreaterThan(before.size() / 2);
  }

  @Test
  void busyNodesUseMoreCpuThanIdleOnes() {
    SlurmSnapshot snapshot = CLUSTER.snapshotAt(Samples.START);
    Map<String, Double> cpu =
        values(CLUSTER.metricsAt(Samples.START, DemoCluster.METRICS), NodeMetrics.CPU_PERCENT);

    double idleMax =
        snapshot.nodes().stream()
            .filter(node -> node.state().base().equals("IDLE"))
            .mapToDouble(node -> cpu.get(node.name()))
            .max()
            .orElseThrow();
    double allocatedMean =
        snapshot.nodes().stream()
            .filter(node -> node.state().base().equals("ALLOCATED"))
            .mapToDouble(node -> cpu.get(node.name()))
            .average()
            .orElseThrow();

    assertThat(idleMax).isLessThan(5);
    assertThat(allocatedMean).isGreaterThan(20);
  }

  @Test
  void resultsNameTheirSource() {
    MetricSnapshot metrics = CLUSTER.metricsAt(Samples.START, DemoCluster.METRICS);

    for (MetricResult result : metrics.results().values()) {
      assertThat(result.query()).isEqualTo("demo: simulated");
      assertThat(result.warnings()).isEmpty();
    }
    assertThat(metrics.fetchedAt()).isEqualTo(Samples.START);
  }

  @Test
  void unknownMetricBecomesAnError() {
    MetricSnapshot metrics =
        CLUSTER.metricsAt(Samples.START, Set.of(NodeMetrics.CPU_PERCENT, "node.gpu.percent"));

    assertThat(metrics.errors()).containsOnlyKeys("node.gpu.percent");
    assertThat(metrics.errors().get("node.gpu.percent"))
        .contains("node.gpu.percent")
        .contains("not simulated")
        .contains(NodeMetrics.CPU_PERCENT);
    assertThat(metrics.results()).containsOnlyKeys(NodeMetrics.CPU_PERCENT);
  }

  @Test
  void onlyRequestedMetricsAreAnswered() {
    MetricSnapshot metrics = CLUSTER.metricsAt(Samples.START, Set.of(NodeMetrics.LOAD1));

    assertThat(metrics.results()).containsOnlyKeys(NodeMetrics.LOAD1);
    assertThat(metrics.errors()).isEmpty();
  }

  @Test
  void slurmLoadMatchesLoadMetric() {
    SlurmSnapshot snapshot = CLUSTER.snapshotAt(Samples.START);
    Map<String, Double> load =
        values(CLUSTER.metricsAt(Samples.START, DemoCluster.METRICS), NodeMetrics.LOAD1);

    for (Node node : snapshot.nodes()) {
      if (node.cpuLoad() != null) {
        assertThat(node.cpuLoad())
            .as(node.name())
            .isCloseTo(load.get(node.name()), org.assertj.core.data.Offset.offset(0.006));
      }
    }
  }

  private static Map<String, Double> values(MetricSnapshot metrics, String metric) {
    return metrics.results().get(metric).values();
  }
}
