package org.slurmscope.overlay.jobs.internal;

import java.util.List;
import java.util.Locale;
import java.util.function.DoubleFunction;
import org.slurmscope.api.console.Alignment;
import org.slurmscope.api.console.Cell;
import org.slurmscope.api.console.Column;
import org.slurmscope.api.console.Tone;
import org.slurmscope.api.metrics.GpuMetrics;
import org.slurmscope.api.metrics.JobMetrics;
import org.slurmscope.api.metrics.MetricSnapshot;
import org.slurmscope.api.slurm.Job;
import org.slurmscope.api.slurm.MemoryRequest;
import org.slurmscope.api.state.ClusterState;

/**
 * The CPU%, MEM%, PEAK% and GPU% columns of the jobs view: each job's use against what it was
 * allocated or requested.
 *
 * <ul>
 *   <li>A job that is not running: an empty cell, since only running jobs have cgroups.
 *   <li>A running job without a value: {@code n/a}, dim; {@code n/a} in the warning tone when the
 *       metric's query failed. The console's explanation of the cell gives the reason.
 *   <li>A job without a CPU count or memory request: {@code ?}, as the share cannot be computed.
 *   <li>GPU% of a job without GPUs: an empty cell.
 * </ul>
 */
final class JobMetricColumns {

  /** Terminal columns of each metric column: room for "100.0" and a space. */
  static final int WIDTH = 6;

  private static final double MIB = 1024.0 * 1024.0;

  /** The cell of a metric whose query failed. */
  static final Cell QUERY_FAILED = new Cell("n/a", null, Tone.WARNING);

  private JobMetricColumns() {}

  /** Returns the columns in display order, colouring values with the given thresholds. */
  static List<Column<Job>> create(JobThresholds thresholds) {
    return List.of(
        new Column<>(
            "job_cpu_percent",
            "CPU%",
            WIDTH,
            Alignment.RIGHT,
            (job, state) -> cpuCell(state, job, thresholds)),
        new Column<>(
            "job_memory_percent",
            "MEM%",
            WIDTH,
            Alignment.RIGHT,
            (job, state) -> memoryCell(state, job, JobMetrics.MEMORY_BYTES, thresholds)),
        new Column<>(
            "job_memory_peak_percent",
            "PEAK%",
            WIDTH,
            Alignment.RIGHT,
            (job, state) -> memoryCell(state, job, JobMetrics.MEMORY_PEAK_BYTES, thresholds)),
        new Column<>(
            "job_gpu_percent",
            "GPU%",
            WIDTH,
            Alignment.RIGHT,
            (job, state) -> gpuCell(state, job, thresholds)));
  }

  /** CPU cores in use as a percentage of the CPUs Slurm allocated. */
  static Cell cpuCell(ClusterState state, Job job, JobThresholds thresholds) {
    Integer cpus = job.cpus();
    return cell(
        state,
        job,
        JobMetrics.CPU_CORES,
        cores -> {
          if (cpus == null || cpus <= 0) {
            return Cell.INVALID;
          }
          double percent = 100 * cores / cpus;
          return number(percent, thresholds.cpuTone(percent));
        });
  }

  /** Memory in use (or its peak) as a percentage of the memory the job requested. */
  static Cell memoryCell(ClusterState state, Job job, String metric, JobThresholds thresholds) {
    MemoryRequest request = job.memory();
    return cell(
        state,
        job,
        metric,
        bytes -> {
          long mebibytes =
              request == null ? -1 : request.totalMebibytes(job.cpus(), job.nodeCount());
          if (mebibytes <= 0) {
            return Cell.INVALID;
          }
          double percent = 100 * bytes / (mebibytes * MIB);
          return number(percent, thresholds.memoryTone(percent));
        });
  }

  /**
   * GPU utilisation averaged over the job's GPUs: from the exporter's job label where it has one,
   * else from the GPUs Slurm allocated to the job.
   */
  static Cell gpuCell(ClusterState state, Job job, JobThresholds thresholds) {
    if (!job.gpus().any() || !job.state().isRunning()) {
      return Cell.text(null);
    }
    MetricSnapshot metrics = state == null ? null : state.metrics();
    if (metrics == null) {
      return Cell.NOT_AVAILABLE;
    }
    if (metrics.errors().containsKey(JobMetrics.GPU_UTILIZATION_PERCENT)
        && metrics.errors().containsKey(GpuMetrics.UTILIZATION_PERCENT)) {
      return QUERY_FAILED;
    }
    GpuMetrics.JobGpuValue value =
        GpuMetrics.jobValue(
            metrics, JobMetrics.GPU_UTILIZATION_PERCENT, GpuMetrics.UTILIZATION_PERCENT, job, true);
    if (value.value().isEmpty()) {
      return Cell.NOT_AVAILABLE;
    }
    double percent = value.value().getAsDouble();
    return special(percent, () -> number(percent, thresholds.gpuTone(percent)));
  }

  /** Renders a job metric cell, or the cell that stands for a missing number. */
  private static Cell cell(
      ClusterState state, Job job, String metric, DoubleFunction<Cell> finite) {
    if (!job.state().isRunning()) {
      return Cell.text(null);
    }
    MetricSnapshot metrics = state == null ? null : state.metrics();
    if (metrics == null) {
      return Cell.NOT_AVAILABLE;
    }
    if (metrics.errors().containsKey(metric)) {
      return QUERY_FAILED;
    }
    String key = JobMetrics.key(job);
    if (key == null) {
      return Cell.NOT_AVAILABLE;
    }
    var value = metrics.value(metric, key);
    if (value.isEmpty()) {
      return Cell.NOT_AVAILABLE;
    }
    double number = value.getAsDouble();
    return special(number, () -> finite.apply(number));
  }

  /** Returns the cell of NaN or an infinity, else the finite cell. */
  private static Cell special(double value, java.util.function.Supplier<Cell> finite) {
    if (Double.isNaN(value)) {
      return new Cell("NaN", value, Tone.DIM);
    }
    if (Double.isInfinite(value)) {
      return new Cell(value > 0 ? "+Inf" : "-Inf", value, Tone.WARNING);
    }
    return finite.get();
  }

  /** Returns the cell of a percentage with one decimal. */
  static Cell number(double percent, Tone tone) {
    String text = String.format(Locale.ROOT, "%.1f", percent);
    // A value just below zero, such as -0.00001 from a rate's floating point error, reads "-0.0".
    if (text.equals("-0.0")) {
      text = "0.0";
    }
    return new Cell(text, percent, tone);
  }
}
