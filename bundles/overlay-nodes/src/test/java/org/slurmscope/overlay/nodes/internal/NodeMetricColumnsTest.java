package org.slurmscope.overlay.nodes.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.slurmscope.api.console.Alignment;
import org.slurmscope.api.console.Cell;
import org.slurmscope.api.console.Column;
import org.slurmscope.api.console.Tone;
import org.slurmscope.api.metrics.MetricResult;
import org.slurmscope.api.metrics.MetricSnapshot;
import org.slurmscope.api.metrics.NodeMetrics;
import org.slurmscope.api.slurm.Node;
import org.slurmscope.api.slurm.NodeState;
import org.slurmscope.api.state.ClusterState;
import org.slurmscope.api.state.SourceStatus;

class NodeMetricColumnsTest {

  private static final Instant NOW = Instant.parse("2026-12-04T10:30:38Z");
  private static final List<Column<Node>> COLUMNS =
      NodeMetricColumns.create(new Thresholds(80, 95));
  private static final Column<Node> CPU = COLUMNS.get(0);
  private static final Column<Node> MEMORY = COLUMNS.get(1);
  private static final Column<Node> LOAD = COLUMNS.get(2);

  /** A node with two CPUs, like the testbed's nodes. */
  private static final Node NODE01 =
      Node.builder("node01", NodeState.of("MIXED")).cpusTotal(2).build();

  private static ClusterState stateWith(MetricSnapshot metrics) {
    return new ClusterState(
        1, NOW, null, SourceStatus.loading("cli"), metrics, SourceStatus.loading("prometheus"));
  }

  private static ClusterState stateWith(String metric, Map<String, Double> values) {
    MetricResult result = new MetricResult(metric, values, "promql", List.of());
    return stateWith(new MetricSnapshot(NOW, Map.of(metric, result), Map.of()));
  }

  private static Cell cpuCell(double value) {
    return CPU.cell(NODE01, stateWith(NodeMetrics.CPU_PERCENT, Map.of("node01", value)));
  }

  @Test
  void columnsHaveStableKeysAndTitles() {
    assertThat(COLUMNS)
        .extracting(Column::key)
        .containsExactly("cpu_percent", "memory_percent", "load1");
    assertThat(COLUMNS).extracting(Column::title).containsExactly("CPU%", "MEM%", "LOAD1");
    assertThat(COLUMNS).extracting(Column::alignment).containsOnly(Alignment.RIGHT);
  }

  @Test
  void percentHasOneDecimal() {
    // node01's busy CPU in the recorded testbed response.
    Cell cell = cpuCell(35.99090909090923);

    assertThat(cell.text()).isEqualTo("36.0");
    assertThat(cell.value()).isEqualTo(35.99090909090923);
    assertThat(cell.value()).isInstanceOf(Double.class);
    assertThat(cell.tone()).isEqualTo(Tone.GOOD);
  }

  @Test
  void memoryColumnReadsMemoryMetric() {
    Cell cell = MEMORY.cell(NODE01, stateWith(NodeMetrics.MEMORY_PERCENT, Map.of("node01", 42.34)));

    assertThat(cell.text()).isEqualTo("42.3");
    assertThat(cell.value()).isEqualTo(42.34);
  }

  @Test
  void percentToneFollowsThresholds() {
    assertThat(cpuCell(79.9).tone()).isEqualTo(Tone.GOOD);
    assertThat(cpuCell(80).tone()).isEqualTo(Tone.WARNING);
    assertThat(cpuCell(94.99).tone()).isEqualTo(Tone.WARNING);
    assertThat(cpuCell(95).tone()).isEqualTo(Tone.CRITICAL);
    assertThat(cpuCell(100).tone()).isEqualTo(Tone.CRITICAL);
  }

  @Test
  void tinyNegativeValueShowsAsZero() {
    Cell cell = cpuCell(-0.00001);

    assertThat(cell.text()).isEqualTo("0.0");
    assertThat(cell.value()).isEqualTo(-0.00001);
  }

  @Test
  void loadHasTwoDecimals() {
    Cell cell = LOAD.cell(NODE01, stateWith(NodeMetrics.LOAD1, Map.of("node01", 0.75)));

    assertThat(cell.text()).isEqualTo("0.75");
    assertThat(cell.value()).isEqualTo(0.75);
    assertThat(cell.tone()).isEqualTo(Tone.GOOD);
  }

  @Test
  void loadToneIsLoadPerCpu() {
    // 1.9 on 2 CPUs is 95 %, 1.6 is 80 %.
    assertThat(LOAD.cell(NODE01, stateWith(NodeMetrics.LOAD1, Map.of("node01", 1.9))).tone())
        .isEqualTo(Tone.CRITICAL);
    assertThat(LOAD.cell(NODE01, stateWith(NodeMetrics.LOAD1, Map.of("node01", 1.6))).tone())
        .isEqualTo(Tone.WARNING);
  }

  @Test
  void loadWithoutCpuCountIsNormal() {
    Node unknownCpus = Node.builder("node01", NodeState.of("IDLE")).build();

    Cell cell = LOAD.cell(unknownCpus, stateWith(NodeMetrics.LOAD1, Map.of("node01", 64.0)));

    assertThat(cell.text()).isEqualTo("64.00");
    assertThat(cell.tone()).isEqualTo(Tone.NORMAL);
  }

  @Test
  void noMetricSnapshotIsNotAvailable() {
    assertThat(CPU.cell(NODE01, ClusterState.initial(NOW))).isEqualTo(Cell.NOT_AVAILABLE);
  }

  @Test
  void metricNotInSnapshotIsNotAvailable() {
    ClusterState state = stateWith(NodeMetrics.LOAD1, Map.of("node01", 0.5));

    assertThat(CPU.cell(NODE01, state)).isEqualTo(Cell.NOT_AVAILABLE);
  }

  @Test
  void nodeWithoutSeriesIsNotAvailable() {
    ClusterState state = stateWith(NodeMetrics.CPU_PERCENT, Map.of("node02", 10.0));

    assertThat(CPU.cell(NODE01, state)).isEqualTo(Cell.NOT_AVAILABLE);
  }

  @Test
  void failedQueryIsNotAvailableAsWarning() {
    ClusterState state =
        stateWith(
            new MetricSnapshot(
                NOW,
                Map.of(),
                Map.of(
                    NodeMetrics.CPU_PERCENT,
                    "nodeCpuPercentQuery in org.slurmscope.query failed: HTTP 400, bad_data")));

    Cell cell = CPU.cell(NODE01, state);

    assertThat(cell.text()).isEqualTo("n/a");
    assertThat(cell.value()).isNull();
    assertThat(cell.tone()).isEqualTo(Tone.WARNING);
  }

  @Test
  void nanIsShownAsNaN() {
    Cell cell = cpuCell(Double.NaN);

    assertThat(cell.text()).isEqualTo("NaN");
    assertThat((Double) cell.value()).isNaN();
    assertThat(cell.tone()).isEqualTo(Tone.DIM);
  }

  @Test
  void positiveInfinityIsShownAsPlusInf() {
    Cell cell = cpuCell(Double.POSITIVE_INFINITY);

    assertThat(cell.text()).isEqualTo("+Inf");
    assertThat(cell.value()).isEqualTo(Double.POSITIVE_INFINITY);
    assertThat(cell.tone()).isEqualTo(Tone.WARNING);
  }

  @Test
  void negativeInfinityIsShownAsMinusInf() {
    Cell cell =
        LOAD.cell(NODE01, stateWith(NodeMetrics.LOAD1, Map.of("node01", Double.NEGATIVE_INFINITY)));

    assertThat(cell.text()).isEqualTo("-Inf");
    assertThat(cell.value()).isEqualTo(Double.NEGATIVE_INFINITY);
    assertThat(cell.tone()).isEqualTo(Tone.WARNING);
  }
}
