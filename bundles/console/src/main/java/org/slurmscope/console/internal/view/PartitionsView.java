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
import org.slurmscope.api.slurm.Job;
import org.slurmscope.api.slurm.Node;
import org.slurmscope.api.slurm.Partition;
import org.slurmscope.api.slurm.SlurmSnapshot;
import org.slurmscope.api.state.ClusterState;

/**
 * The partitions view: one row per SLURM partition with its state, nodes, idle and total CPUs,
 * running and pending jobs and time limit, as {@code sinfo -s} summarises them.
 */
@Component(service = ConsoleView.class)
public final class PartitionsView implements ConsoleView {

  /** Row kind of this view; no overlay adds columns to it yet. */
  static final String ROW_KIND = "partitions";

  static final List<Column<Partition>> COLUMNS =
      List.of(
          new Column<>("name", "PARTITION", 12, Alignment.LEFT, (p, state) -> name(p)),
          new Column<>("state", "STATE", 8, Alignment.LEFT, (p, state) -> stateCell(p)),
          new Column<>("nodes", "NODES", 5, Alignment.RIGHT, (p, state) -> nodeCount(p)),
          new Column<>("cpus", "CPUS(I/T)", 11, Alignment.RIGHT, PartitionsView::cpus),
          new Column<>("jobs", "JOBS(R/P)", 9, Alignment.RIGHT, PartitionsView::jobs),
          new Column<>("time_limit", "LIMIT", 11, Alignment.RIGHT, (p, state) -> limit(p)),
          new Column<>(
              "node_list",
              "NODELIST",
              16,
              Alignment.LEFT,
              (p, state) -> p.isInvalid("nodes") ? Cell.INVALID : Cell.text(p.nodes())));

  @Override
  public String name() {
    return "partitions";
  }

  @Override
  public List<String> aliases() {
    return List.of("part", "pa");
  }

  @Override
  public int order() {
    return 30;
  }

  @Override
  public String rowKind() {
    return ROW_KIND;
  }

  @Override
  public String description() {
    return "SLURM partitions with idle CPUs and running and pending jobs";
  }

  @Override
  public Table table(ClusterState state, List<ColumnOverlay> overlays, ViewContext context) {
    if (state.slurm() == null) {
      return ViewTables.render(List.of(), COLUMNS, state, Partition::name, "");
    }
    List<Partition> partitions = state.slurm().partitions();
    String message = partitions.isEmpty() ? "SLURM reported no partitions" : "";
    return ViewTables.render(partitions, COLUMNS, state, Partition::name, message);
  }

  /** Shows the default partition with Slurm's {@code *}; the JSON value is the bare name. */
  static Cell name(Partition partition) {
    String text = partition.isDefault() ? partition.name() + "*" : partition.name();
    return new Cell(text, partition.name(), Tone.NORMAL);
  }

  static Cell stateCell(Partition partition) {
    if (partition.isInvalid("state")) {
      return Cell.INVALID;
    }
    String state = partition.state();
    if (state == null) {
      return Cell.text(null);
    }
    Tone tone =
        switch (state.split("\\+")[0]) {
          case "UP" -> Tone.GOOD;
          case "DOWN" -> Tone.CRITICAL;
          case "DRAIN", "INACTIVE" -> Tone.WARNING;
          default -> Tone.NORMAL;
        };
    return new Cell(state, state, tone);
  }

  static Cell nodeCount(Partition partition) {
    if (partition.isInvalid("totalNodes")) {
      return Cell.INVALID;
    }
    Integer count = partition.totalNodes();
    return count == null ? Cell.text(null) : new Cell(count.toString(), count, Tone.NORMAL);
  }

  /**
   * Counts idle CPUs as sinfo's {@code %C} does: CPUs not allocated on nodes that can take jobs. A
   * node that is down, drained, failing, in maintenance or not responding adds no idle CPUs. The
   * total is the partition's own figure where the source sends one.
   */
  static Cell cpus(Partition partition, ClusterState state) {
    if (partition.isInvalid("totalCpus")) {
      return Cell.INVALID;
    }
    int idle = 0;
    int total = 0;
    boolean anyNode = false;
    for (Node node : nodes(partition, state.slurm())) {
      anyNode = true;
      int cpus = node.cpusTotal() == null ? 0 : node.cpusTotal();
      int allocated = node.cpusAllocated() == null ? 0 : node.cpusAllocated();
      total += cpus;
      if (takesJobs(node)) {
        idle += Math.max(0, cpus - allocated);
      }
    }
    Integer configured = partition.totalCpus();
    if (configured != null) {
      total = configured;
    }
    if (!anyNode && configured == null) {
      return Cell.NOT_AVAILABLE;
    }
    Map<String, Object> value = new LinkedHashMap<>();
    value.put("idle", anyNode ? idle : null);
    value.put("total", total);
    String text = (anyNode ? Integer.toString(idle) : "?") + "/" + total;
    Tone tone = anyNode && idle == 0 && total > 0 ? Tone.WARNING : Tone.NORMAL;
    return new Cell(text, value, tone);
  }

  /**
   * Counts the partition's running and pending jobs. A job pending in several partitions ({@code
   * batch,debug}) counts in each; the pending rest of an array counts each task ({@code 1-10%2} is
   * 10).
   */
  static Cell jobs(Partition partition, ClusterState state) {
    SlurmSnapshot slurm = state.slurm();
    long running = 0;
    long pending = 0;
    for (Job job : slurm == null ? List.<Job>of() : slurm.jobs()) {
      if (!inPartition(job, partition.name())) {
        continue;
      }
      if (job.state().isRunning()) {
        running++;
      } else if (job.state().isPending()) {
        pending += pendingTasks(job);
      }
    }
    Map<String, Object> value = new LinkedHashMap<>();
    value.put("running", running);
    value.put("pending", pending);
    Tone tone = pending > 0 && running == 0 ? Tone.WARNING : Tone.NORMAL;
    return new Cell(running + "/" + pending, value, tone);
  }

  static Cell limit(Partition partition) {
    if (partition.isInvalid("maxTime")) {
      return Cell.INVALID;
    }
    if (partition.maxTime() == null) {
      return Cell.text(null);
    }
    Object value =
        partition.maxTime().isFinite()
            ? (Object) partition.maxTime().minutes()
            : partition.maxTime().kind().name();
    return new Cell(Formats.timeLimit(partition.maxTime()), value, Tone.NORMAL);
  }

  private static List<Node> nodes(Partition partition, SlurmSnapshot slurm) {
    List<Node> nodes = new ArrayList<>();
    if (slurm != null) {
      for (Node node : slurm.nodes()) {
        if (node.partitions().contains(partition.name())) {
          nodes.add(node);
        }
      }
    }
    return nodes;
  }

  private static boolean takesJobs(Node node) {
    String summary = node.state().summary();
    boolean available =
        summary.equals("IDLE")
            || summary.equals("MIXED")
            || summary.equals("ALLOCATED")
            || summary.equals("COMPLETING");
    return available && !node.state().hasFlag("NOT_RESPONDING");
  }

  private static boolean inPartition(Job job, String partition) {
    String partitions = job.partition();
    if (partitions == null) {
      return false;
    }
    for (String name : partitions.split(",")) {
      if (name.strip().equals(partition)) {
        return true;
      }
    }
    return false;
  }

  /** Returns the tasks of a pending array rest ({@code 3-6%2} is 4), or 1 for any other job. */
  static long pendingTasks(Job job) {
    String range = job.arrayTaskId();
    if (range == null || range.isBlank()) {
      return 1;
    }
    int throttle = range.indexOf('%');
    String list = throttle >= 0 ? range.substring(0, throttle) : range;
    long tasks = 0;
    for (String part : list.split(",")) {
      String[] bounds = part.strip().split("-");
      try {
        long lo = Long.parseLong(bounds[0]);
        // A step, as in 1-9:2, takes every second task.
        String[] upper = bounds.length > 1 ? bounds[1].split(":") : new String[] {bounds[0]};
        long hi = Long.parseLong(upper[0]);
        long step = upper.length > 1 ? Math.max(1, Long.parseLong(upper[1])) : 1;
        tasks += Math.max(1, (hi - lo) / step + 1);
      } catch (NumberFormatException e) {
        // An array task string this view cannot read counts as one job rather than none.
        return 1;
      }
    }
    return Math.max(1, tasks);
  }
}
