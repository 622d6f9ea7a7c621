package org.slurmscope.overlay.nodes.internal;

import java.util.List;
import org.slurmscope.api.console.Alignment;
import org.slurmscope.api.console.Cell;
import org.slurmscope.api.console.Column;
import org.slurmscope.api.console.Tone;
import org.slurmscope.api.metrics.NodeMetrics;
import org.slurmscope.api.slurm.Node;
import org.slurmscope.api.state.ClusterState;

/** The CPU%, MEM% and LOAD1 columns of the nodes view for one set of thresholds. */
final class NodeMetricColumns {

  /** Terminal columns of each metric column: room for "100.0" or "128.00" and a space. */
  static final int WIDTH = 6;

  private NodeMetricColumns() {}

  /** Returns the columns in display order, colouring values with the given thresholds. */
  static List<Column<Node>> create(Thresholds thresholds) {
    return List.of(
        new Column<>(
            "cpu_percent",
            "CPU%",
            WIDTH,
            Alignment.RIGHT,
            (node, state) -> percentCell(state, NodeMetrics.CPU_PERCENT, node, thresholds)),
        new Column<>(
            "memory_percent",
            "MEM%",
            WIDTH,
            Alignment.RIGHT,
            (node, state) -> percentCell(state, NodeMetrics.MEMORY_PERCENT, node, thresholds)),
        new Column<>(
            "load1",
            "LOAD1",
            WIDTH,
            Alignment.RIGHT,
            (node, state) -> loadCell(state, node, thresholds)));
  }

  private static Cell percentCell(
      ClusterState state, String metric, Node node, Thresholds thresholds) {
    return MetricCells.cell(
        state, metric, node.name(), value -> MetricCells.number(value, 1, thresholds.tone(value)));
  }

  /**
   * Renders the load average with two decimals. Its tone compares the load per CPU, in percent,
   * with the thresholds: a load of 48 on 48 CPUs is 100 %. Without a CPU count the tone is normal.
   */
  private static Cell loadCell(ClusterState state, Node node, Thresholds thresholds) {
    Integer cpus = node.cpusTotal();
    return MetricCells.cell(
        state,
        NodeMetrics.LOAD1,
        node.name(),
        value -> {
          Tone tone = cpus == null || cpus <= 0 ? Tone.NORMAL : thresholds.tone(100 * value / cpus);
          return MetricCells.number(value, 2, tone);
        });
  }
}
