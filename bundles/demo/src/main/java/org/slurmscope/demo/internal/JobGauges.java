package org.slurmscope.demo.internal;

import java.util.HashMap;
import java.util.Map;
import org.slurmscope.api.metrics.JobMetrics;

/**
 * The per-job values a cgroup exporter would give for the simulated running jobs, keyed as job
 * metric results are: by Slurm's numeric job id. Array tasks are left out, as on a real cluster,
 * because their cgroups carry a job id that the SLURM model does not report.
 */
final class JobGauges {

  private static final double MIB = 1024.0 * 1024.0;

  /** Samples between a job's start and now when looking for its peak memory. */
  private static final int PEAK_SAMPLES = 24;

  private final Map<String, Double> cpuCores = new HashMap<>();
  private final Map<String, Double> memoryBytes = new HashMap<>();
  private final Map<String, Double> memoryPeakBytes = new HashMap<>();

  /** Computes the values of every job running at a moment in Unix seconds. */
  static JobGauges at(ClusterLayout layout, long seed, double time) {
    JobGauges gauges = new JobGauges();
    CycleJob job = new CycleJob(seed);
    long second = (long) Math.floor(time);
    for (Lane lane : layout.lanes()) {
      if (!lane.active || lane.kind == LaneKind.ARRAY) {
        continue;
      }
      long current = lane.cycleAt(second);
      for (long cycle = current - 1; cycle <= current; cycle++) {
        job.load(lane, cycle);
        if (job.isRunning(second)) {
          gauges.add(Long.toString(layout.jobIds().number(lane, cycle)), lane, job, time);
        }
      }
    }
    return gauges;
  }

  private void add(String id, Lane lane, CycleJob job, double time) {
    int nodes = lane.nodes.length;
    cpuCores.put(id, lane.cpusPerNode * nodes * job.cpuUse(time));
    double requestBytes = lane.memoryPerNodeMb * nodes * MIB;
    memoryBytes.put(id, requestBytes * job.memoryUse(time));
    double peak = 0;
    for (int i = 0; i <= PEAK_SAMPLES; i++) {
      double at = job.start + (time - job.start) * i / PEAK_SAMPLES;
      peak = Math.max(peak, job.memoryUse(at));
    }
    memoryPeakBytes.put(id, requestBytes * peak);
  }

  /** Returns the values of a job metric, or null for a metric the simulation does not provide. */
  Map<String, Double> values(String metric) {
    return switch (metric) {
      case JobMetrics.CPU_CORES -> cpuCores;
      case JobMetrics.MEMORY_BYTES -> memoryBytes;
      case JobMetrics.MEMORY_PEAK_BYTES -> memoryPeakBytes;
      default -> null;
    };
  }
}
