package org.slurmscope.api.metrics;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalDouble;
import org.slurmscope.api.slurm.Job;

/**
 * Names of the per-GPU metrics, the format of their keys, and the join of GPUs to jobs through
 * SLURM's GPU indexes.
 *
 * <p>A per-GPU key is {@code <node>/<gpu index>}, such as {@code node05/1}; a MIG instance adds its
 * GPU instance id: {@code node05/2/3}.
 *
 * @since 1.1.0
 */
public final class GpuMetrics {

  /**
   * Utilisation of each GPU in percent: DCGM's {@code DCGM_FI_DEV_GPU_UTIL}, or for a MIG instance,
   * where that field is always 0, its graphics engine activity.
   */
  public static final String UTILIZATION_PERCENT = "gpu.utilization.percent";

  /** Frame buffer memory in use on each GPU, in bytes. */
  public static final String MEMORY_BYTES = "gpu.memory.bytes";

  private GpuMetrics() {}

  /** Returns the key of a whole GPU. */
  public static String key(String node, int gpuIndex) {
    return node + "/" + gpuIndex;
  }

  /** Returns the key of a MIG instance of a GPU. */
  public static String key(String node, int gpuIndex, String gpuInstanceId) {
    return node + "/" + gpuIndex + "/" + gpuInstanceId;
  }

  /**
   * Computes a job's GPU value: the job-level result where the exporter named the job ({@code
   * hpc_job}), otherwise the per-GPU values of the GPUs SLURM allocated to it, on each of its hosts
   * (with every MIG instance of those GPUs).
   *
   * @param snapshot the metric snapshot, or null before the first refresh
   * @param jobMetric the job-level metric, such as {@link JobMetrics#GPU_UTILIZATION_PERCENT}
   * @param gpuMetric the per-GPU metric, such as {@link #UTILIZATION_PERCENT}
   * @param job the job
   * @param average true to average the GPUs' values (utilisation), false to sum them (memory)
   */
  public static JobGpuValue jobValue(
      MetricSnapshot snapshot, String jobMetric, String gpuMetric, Job job, boolean average) {
    Objects.requireNonNull(job, "job");
    if (snapshot == null || !job.gpus().any()) {
      return JobGpuValue.NONE;
    }
    String jobKey = JobMetrics.key(job);
    MetricResult byJob = snapshot.results().get(jobMetric);
    if (jobKey != null && byJob != null && byJob.values().containsKey(jobKey)) {
      return new JobGpuValue(byJob.value(jobKey), List.of(), true);
    }
    MetricResult byGpu = snapshot.results().get(gpuMetric);
    if (byGpu == null) {
      return JobGpuValue.NONE;
    }
    List<String> keys = new ArrayList<>();
    double total = 0;
    for (String host : job.hosts()) {
      for (int index : job.gpus().indexes()) {
        String whole = key(host, index);
        Double wholeValue = byGpu.values().get(whole);
        if (wholeValue != null) {
          keys.add(whole);
          total += wholeValue;
          continue;
        }
        // A GPU split into MIG instances has a key per instance: the scan runs only for those.
        String migPrefix = whole + "/";
        for (Map.Entry<String, Double> entry : byGpu.values().entrySet()) {
          if (entry.getKey().startsWith(migPrefix)) {
            keys.add(entry.getKey());
            total += entry.getValue();
          }
        }
      }
    }
    if (keys.isEmpty()) {
      return new JobGpuValue(OptionalDouble.empty(), List.of(), false);
    }
    keys.sort(null);
    double value = average ? total / keys.size() : total;
    return new JobGpuValue(OptionalDouble.of(value), keys, false);
  }

  /**
   * A job's GPU value and where it came from.
   *
   * @param value the value, empty when no series matched the job
   * @param gpuKeys the per-GPU keys joined through SLURM's GPU indexes; empty when the value came
   *     from the exporter's job label or there is none
   * @param fromJobLabel true when the exporter named the job on its GPUs' series
   */
  public record JobGpuValue(OptionalDouble value, List<String> gpuKeys, boolean fromJobLabel) {

    /** No value. */
    public static final JobGpuValue NONE =
        new JobGpuValue(OptionalDouble.empty(), List.of(), false);

    public JobGpuValue {
      Objects.requireNonNull(value, "value");
      gpuKeys = List.copyOf(gpuKeys);
    }
  }
}
