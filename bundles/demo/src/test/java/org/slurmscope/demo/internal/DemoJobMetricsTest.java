package org.slurmscope.demo.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.slurmscope.api.metrics.GpuMetrics;
import org.slurmscope.api.metrics.JobMetrics;
import org.slurmscope.api.metrics.MetricSnapshot;
import org.slurmscope.api.metrics.NodeMetrics;
import org.slurmscope.api.slurm.Job;
import org.slurmscope.api.slurm.SlurmSnapshot;

class DemoJobMetricsTest {

  private static final DemoCluster CLUSTER = Samples.defaultCluster();
  private static final double MIB = 1024.0 * 1024.0;

  static Stream<Instant> moments() {
    return Samples.MOMENTS.stream();
  }

  @ParameterizedTest
  @MethodSource("moments")
  void everyRunningJobHasUseWithinItsAllocation(Instant moment) {
    SlurmSnapshot slurm = CLUSTER.snapshotAt(moment);
    MetricSnapshot metrics = CLUSTER.metricsAt(moment, DemoCluster.OTHER_METRICS);
    List<Job> running =
        slurm.jobs().stream()
            .filter(job -> job.state().isRunning() && JobMetrics.key(job) != null)
            .toList();

    assertThat(running).isNotEmpty();
    assertThat(metrics.errors()).isEmpty();
    for (Job job : running) {
      double cores = metrics.value(JobMetrics.CPU_CORES, job.id()).orElseThrow();
      double bytes = metrics.value(JobMetrics.MEMORY_BYTES, job.id()).orElseThrow();
      double peak = metrics.value(JobMetrics.MEMORY_PEAK_BYTES, job.id()).orElseThrow();
      long requestMib = job.memory().totalMebibytes(job.cpus(), job.nodeCount());

      assertThat(cores).as("cores of job %s", job.id()).isBetween(0.0, (double) job.cpus());
      assertThat(bytes).as("memory of job %s", job.id()).isBetween(0.0, requestMib * MIB);
      assertThat(peak).as("peak of job %s", job.id()).isGreaterThanOrEqualTo(bytes * 0.999);
    }
  }

  @ParameterizedTest
  @MethodSource("moments")
  void onlyRunningJobsHaveValues(Instant moment) {
    SlurmSnapshot slurm = CLUSTER.snapshotAt(moment);
    MetricSnapshot metrics = CLUSTER.metricsAt(moment, DemoCluster.OTHER_METRICS);

    List<String> runningIds =
        slurm.jobs().stream().filter(job -> job.state().isRunning()).map(Job::id).toList();

    assertThat(metrics.results().get(JobMetrics.CPU_CORES).values().keySet())
        .allMatch(runningIds::contains);
    assertThat(metrics.results().get(GpuMetrics.UTILIZATION_PERCENT).values()).isEmpty();
    assertThat(metrics.results().get(NodeMetrics.UP).values()).isNotEmpty();
  }
}
