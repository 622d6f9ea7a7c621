package org.slurmscope.console.internal.view;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.osgi.service.component.annotations.Component;
import org.slurmscope.api.console.Alignment;
import org.slurmscope.api.console.Cell;
import org.slurmscope.api.console.Column;
import org.slurmscope.api.console.ColumnOverlay;
import org.slurmscope.api.console.ConsoleView;
import org.slurmscope.api.console.Table;
import org.slurmscope.api.console.Tone;
import org.slurmscope.api.console.ViewContext;
import org.slurmscope.api.slurm.Node;
import org.slurmscope.api.slurm.NodeState;
import org.slurmscope.api.state.ClusterState;

/** The nodes view: one row per SLURM node, with the columns of every active node overlay. */
@Component(service = ConsoleView.class)
public final class NodesView implements ConsoleView {

  static final List<Column<Node>> COLUMNS =
      List.of(
          new Column<>("name", "NAME", 12, Alignment.LEFT, (node, state) -> Cell.text(node.name())),
          new Column<>("state", "STATE", 20, Alignment.LEFT, (node, state) -> stateCell(node)),
          new Column<>(
              "partitions",
              "PARTITIONS",
              14,
              Alignment.LEFT,
              (node, state) ->
                  new Cell(String.join(",", node.partitions()), node.partitions(), Tone.NORMAL)),
          new Column<>("cpus", "CPUS(A/T)", 9, Alignment.RIGHT, (node, state) -> cpus(node)),
          new Column<>("memory", "MEM(A/T)", 13, Alignment.RIGHT, (node, state) -> memory(node)),
          new Column<>("load", "LOAD", 6, Alignment.RIGHT, (node, state) -> load(node)));

  @Override
  public String name() {
    return "nodes";
  }

  @Override
  public List<String> aliases() {
    return List.of("node", "no");
  }

  @Override
  public int order() {
    return 20;
  }

  @Override
  public String rowKind() {
    return ColumnOverlay.NODES;
  }

  @Override
  public String description() {
    return "SLURM nodes with state, allocation and metrics";
  }

  @Override
  public Table table(ClusterState state, List<ColumnOverlay> overlays, ViewContext context) {
    List<Column<Node>> columns = new ArrayList<>(COLUMNS);
    overlays.forEach(overlay -> columns.addAll(overlay.nodeColumns()));
    if (state.slurm() == null) {
      return ViewTables.render(List.of(), columns, state, Node::name, "");
    }
    List<Node> nodes = state.slurm().nodes();
    String message = nodes.isEmpty() ? "SLURM reported no nodes" : "";
    return ViewTables.render(nodes, columns, state, Node::name, message);
  }

  static Cell stateCell(Node node) {
    NodeState state = node.state();
    return new Cell(state.compound(), state.compound(), tone(state));
  }

  /** Colours a node state by what it means for capacity: down is critical, drained a warning. */
  static Tone tone(NodeState state) {
    return switch (state.summary()) {
      case "DOWN", "FAIL" -> Tone.CRITICAL;
      case "DRAINED", "DRAINING", "MAINT", "RESERVED" -> Tone.WARNING;
      case "IDLE" -> state.hasFlag("NOT_RESPONDING") ? Tone.CRITICAL : Tone.GOOD;
      default -> state.hasFlag("NOT_RESPONDING") ? Tone.CRITICAL : Tone.NORMAL;
    };
  }

  static Cell cpus(Node node) {
    if (node.isInvalid("cpusAllocated") || node.isInvalid("cpusTotal")) {
      return Cell.INVALID;
    }
    return pair(node.cpusAllocated(), node.cpusTotal(), String::valueOf);
  }

  static Cell memory(Node node) {
    if (node.isInvalid("memoryAllocatedMb") || node.isInvalid("memoryTotalMb")) {
      return Cell.INVALID;
    }
    Cell cell = pair(node.memoryAllocatedMb(), node.memoryTotalMb(), Formats::mebibytes);
    if (cell.value() instanceof Map<?, ?> values) {
      Map<String, Object> renamed = new LinkedHashMap<>();
      values.forEach((key, value) -> renamed.put(key + "_mb", value));
      return new Cell(cell.text(), renamed, cell.tone());
    }
    return cell;
  }

  static Cell load(Node node) {
    if (node.isInvalid("cpuLoad")) {
      return Cell.INVALID;
    }
    Double load = node.cpuLoad();
    return load == null
        ? Cell.NOT_AVAILABLE
        : new Cell(Formats.decimal(load, 2), load, Tone.NORMAL);
  }

  private static <N extends Number> Cell pair(
      N allocated, N total, java.util.function.Function<N, String> format) {
    if (allocated == null && total == null) {
      return Cell.NOT_AVAILABLE;
    }
    Map<String, Object> values = new LinkedHashMap<>();
    values.put("allocated", allocated);
    values.put("total", total);
    String text =
        (allocated == null ? "?" : format.apply(allocated))
            + "/"
            + (total == null ? "?" : format.apply(total));
    return new Cell(text, values, Tone.NORMAL);
  }
}
