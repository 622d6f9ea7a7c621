package org.slurmscope.api.slurm;

/**
 * The memory a job requested, per node ({@code --mem}) or per allocated CPU ({@code
 * --mem-per-cpu}). Slurm keeps the two apart and so does this record: one is never shown as the
 * other.
 *
 * @param mebibytes the requested amount in MiB
 * @param per what the amount applies to
 */
public record MemoryRequest(long mebibytes, Per per) {

  /** What a memory request applies to. */
  public enum Per {
    NODE,
    CPU
  }

  public MemoryRequest {
    if (mebibytes < 0) {
      throw new IllegalArgumentException("memory request must not be negative: " + mebibytes);
    }
  }

  /**
   * Returns the memory this request amounts to over a whole job in MiB, or -1 when a per-CPU
   * request meets an unknown CPU count.
   *
   * @param cpus CPUs allocated to the job, or null when unknown
   * @param nodes nodes allocated to the job, or null when unknown (a per-node request then counts
   *     once)
   */
  public long totalMebibytes(Integer cpus, Integer nodes) {
    if (per == Per.CPU) {
      return cpus == null ? -1 : mebibytes * cpus;
    }
    return mebibytes * (nodes == null || nodes < 1 ? 1 : nodes);
  }
}
