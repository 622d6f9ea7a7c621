package org.slurmscope.api.metrics;

import org.slurmscope.api.slurm.Job;

/**
 * Names of the per-job metrics that metric sources provide and overlays request. Results of these
 * metrics are keyed by the job id that the job's cgroup or exporter label names: Slurm's numeric
 * {@code job_id}, summed over the job's nodes.
 *
 * @since 1.1.0
 */
public final class JobMetrics {

  /** CPU time the job used per second over the recent rate window: the cores it keeps busy. */
  public static final String CPU_CORES = "job.cpu.cores";

  /** Memory the job's cgroups use now, in bytes, summed over its nodes. */
  public static final String MEMORY_BYTES = "job.memory.bytes";

  /**
   * The highest memory use seen in the configured peak window, in bytes: the sum over the job's
   * nodes of each node's peak.
   */
  public static final String MEMORY_PEAK_BYTES = "job.memory.peak.bytes";

  /** Bytes the job read per second, summed over its nodes; only where an exporter reports it. */
  public static final String IO_READ_BYTES_PER_SECOND = "job.io.read.bytes.per.second";

  /** Bytes the job wrote per second, summed over its nodes; only where an exporter reports it. */
  public static final String IO_WRITE_BYTES_PER_SECOND = "job.io.write.bytes.per.second";

  /**
   * GPU utilisation of the job's GPUs in percent, averaged over them, for GPUs whose exporter names
   * the job (dcgm-exporter's {@code hpc_job} label). Jobs on GPUs without that label are joined
   * through SLURM's GPU indexes instead, see {@link GpuMetrics#jobValue}.
   */
  public static final String GPU_UTILIZATION_PERCENT = "job.gpu.utilization.percent";

  /** GPU memory in use by the job's GPUs in bytes, summed over them; joined like utilisation. */
  public static final String GPU_MEMORY_BYTES = "job.gpu.memory.bytes";

  private JobMetrics() {}

  /**
   * Returns the key of a job's values in job metric results: Slurm's numeric {@code job_id} of the
   * record, which names its cgroup (an array task {@code 8_1} runs as {@code job_18}); without it,
   * the id when that is numeric, else null.
   */
  public static String key(Job job) {
    if (job.slurmJobId() != null) {
      return job.slurmJobId().toString();
    }
    String id = job.id();
    if (id.isEmpty()) {
      return null;
    }
    for (int i = 0; i < id.length(); i++) {
      if (id.charAt(i) < '0' || id.charAt(i) > '9') {
        return null;
      }
    }
    return id;
  }
}
