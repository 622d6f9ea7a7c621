package org.slurmscope.console.internal.view;

import java.time.Duration;
import java.time.Instant;
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
import org.slurmscope.api.slurm.JobState;
import org.slurmscope.api.slurm.MemoryRequest;
import org.slurmscope.api.slurm.TimeLimit;
import org.slurmscope.api.state.ClusterState;

/**
 * The jobs view: one row per job record as SLURM lists it. By default the viewer's own jobs; {@link
 * ViewContext#allUsers()} shows everyone's.
 */
@Component(service = ConsoleView.class)
public final class JobsView implements ConsoleView {

  static final List<Column<Job>> COLUMNS =
      List.of(
          new Column<>("job_id", "JOBID", 12, Alignment.LEFT, (job, state) -> Cell.text(job.id())),
          text("user", "USER", 10, Job::user, "user"),
          text("partition", "PARTITION", 10, Job::partition, "partition"),
          text("name", "NAME", 18, Job::name, "name"),
          new Column<>("state", "STATE", 13, Alignment.LEFT, (job, state) -> stateCell(job)),
          text("reason", "REASON", 16, Job::reason, "reason"),
          new Column<>("elapsed", "ELAPSED", 11, Alignment.RIGHT, JobsView::elapsed),
          new Column<>("time_limit", "LIMIT", 11, Alignment.RIGHT, (job, state) -> limit(job)),
          new Column<>(
              "node_count",
              "NODES",
              5,
              Alignment.RIGHT,
              (job, state) -> number(job, job.nodeCount(), "nodeCount")),
          new Column<>(
              "cpus", "CPUS", 5, Alignment.RIGHT, (job, state) -> number(job, job.cpus(), "cpus")),
          new Column<>("memory", "MEMORY", 10, Alignment.RIGHT, (job, state) -> memory(job)),
          text("nodes", "NODELIST", 16, Job::nodes, "nodes"));

  @Override
  public String name() {
    return "jobs";
  }

  @Override
  public List<String> aliases() {
    return List.of("job", "j", "squeue");
  }

  @Override
  public int order() {
    return 10;
  }

  @Override
  public String rowKind() {
    return ColumnOverlay.JOBS;
  }

  @Override
  public String description() {
    return "SLURM jobs: your own, or every user's with a";
  }

  @Override
  public Table table(ClusterState state, List<ColumnOverlay> overlays, ViewContext context) {
    List<Column<Job>> columns = new ArrayList<>(COLUMNS);
    overlays.forEach(overlay -> columns.addAll(overlay.jobColumns()));
    if (state.slurm() == null) {
      return ViewTables.render(List.of(), columns, state, Job::id, "");
    }
    List<Job> jobs = state.slurm().jobs();
    if (!context.allUsers()) {
      jobs = jobs.stream().filter(job -> context.user().equals(job.user())).toList();
    }
    String message = "";
    if (jobs.isEmpty()) {
      message =
          context.allUsers()
              ? "SLURM reported no jobs"
              : "No jobs of " + context.user() + ": press a to show every user's jobs";
    }
    return ViewTables.render(jobs, columns, state, Job::id, message);
  }

  private static Column<Job> text(
      String key,
      String title,
      int width,
      java.util.function.Function<Job, String> getter,
      String field) {
    return new Column<>(
        key,
        title,
        width,
        Alignment.LEFT,
        (job, state) -> job.isInvalid(field) ? Cell.INVALID : Cell.text(getter.apply(job)));
  }

  static Cell stateCell(Job job) {
    JobState state = job.state();
    return new Cell(state.compound(), state.compound(), tone(state));
  }

  static Tone tone(JobState state) {
    return switch (state.base()) {
      case "RUNNING", "COMPLETED" -> Tone.GOOD;
      case "PENDING", "SUSPENDED", "REQUEUED", "COMPLETING" -> Tone.WARNING;
      case "FAILED", "TIMEOUT", "OUT_OF_MEMORY", "NODE_FAIL", "BOOT_FAIL", "DEADLINE" ->
          Tone.CRITICAL;
      case "CANCELLED", "PREEMPTED" -> Tone.DIM;
      default -> Tone.NORMAL;
    };
  }

  static Cell elapsed(Job job, ClusterState state) {
    if (job.isInvalid("startTime") || job.isInvalid("endTime")) {
      return Cell.INVALID;
    }
    Instant now = state.slurm() == null ? state.publishedAt() : state.slurm().fetchedAt();
    Duration elapsed = job.elapsed(now);
    if (elapsed == null) {
      return new Cell("", null, Tone.NORMAL);
    }
    return new Cell(Formats.duration(elapsed), elapsed.getSeconds(), Tone.NORMAL);
  }

  static Cell limit(Job job) {
    if (job.isInvalid("timeLimit")) {
      return Cell.INVALID;
    }
    TimeLimit limit = job.timeLimit();
    if (limit == null) {
      return new Cell("", null, Tone.NORMAL);
    }
    Object value = limit.isFinite() ? (Object) limit.minutes() : limit.kind().name();
    return new Cell(Formats.timeLimit(limit), value, Tone.NORMAL);
  }

  static Cell number(Job job, Integer value, String field) {
    if (job.isInvalid(field)) {
      return Cell.INVALID;
    }
    return value == null
        ? new Cell("", null, Tone.NORMAL)
        : new Cell(value.toString(), value, Tone.NORMAL);
  }

  /** Shows a memory request with what it applies to, for example {@code 4.0G/node}. */
  static Cell memory(Job job) {
    if (job.isInvalid("memory")) {
      return Cell.INVALID;
    }
    MemoryRequest memory = job.memory();
    if (memory == null) {
      return new Cell("", null, Tone.NORMAL);
    }
    String per = memory.per() == MemoryRequest.Per.CPU ? "cpu" : "node";
    Map<String, Object> value = new LinkedHashMap<>();
    value.put("mb", memory.mebibytes());
    value.put("per", per);
    return new Cell(Formats.mebibytes(memory.mebibytes()) + "/" + per, value, Tone.NORMAL);
  }
}
