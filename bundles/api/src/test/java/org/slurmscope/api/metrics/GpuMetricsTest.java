package org.slurmscope.api.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.slurmscope.api.slurm.Gpus;
import org.slurmscope.api.slurm.Job;
import org.slurmscope.api.slurm.JobState;

class GpuMetricsTest {

  private static final Job JOB =
      Job.builder("10", JobState.of("RUNNING"))
          .gpus(new Gpus(2, Map.of(), List.of(0, 2)))
          .hosts(List.of("gpu01", "gpu02"))
          .build();

  private static MetricSnapshot snapshot(Map<String, Double> byJob, Map<String, Double> byGpu) {
    return new MetricSnapshot(
        Instant.EPOCH,
        Map.of(
            JobMetrics.GPU_MEMORY_BYTES,
            new MetricResult(JobMetrics.GPU_MEMORY_BYTES, byJob, "", List.of()),
            GpuMetrics.MEMORY_BYTES,
            new MetricResult(GpuMetrics.MEMORY_BYTES, byGpu, "", List.of())),
        Map.of());
  }

  @Test
  void jobLabelValueWins() {
    GpuMetrics.JobGpuValue value =
        GpuMetrics.jobValue(
            snapshot(Map.of("10", 5.0), Map.of("gpu01/0", 1.0)),
            JobMetrics.GPU_MEMORY_BYTES,
            GpuMetrics.MEMORY_BYTES,
            JOB,
            false);

    assertThat(value.value()).hasValue(5.0);
    assertThat(value.fromJobLabel()).isTrue();
  }

  @Test
  void slurmIndexesSelectTheGpusOnEveryHost() {
    GpuMetrics.JobGpuValue value =
        GpuMetrics.jobValue(
            snapshot(
                Map.of(),
                Map.of(
                    "gpu01/0",
                    1.0,
                    "gpu01/1",
                    100.0,
                    "gpu01/2",
                    2.0,
                    "gpu02/0",
                    3.0,
                    "gpu02/2/5",
                    4.0,
                    "gpu02/2/6",
                    5.0)),
            JobMetrics.GPU_MEMORY_BYTES,
            GpuMetrics.MEMORY_BYTES,
            JOB,
            false);

    assertThat(value.value()).hasValue(15.0);
    assertThat(value.gpuKeys())
        .containsExactly("gpu01/0", "gpu01/2", "gpu02/0", "gpu02/2/5", "gpu02/2/6");
  }

  @Test
  void jobWithoutGpusHasNoValue() {
    Job cpuJob = Job.builder("11", JobState.of("RUNNING")).build();

    assertThat(
            GpuMetrics.jobValue(
                    snapshot(Map.of("11", 1.0), Map.of()),
                    JobMetrics.GPU_MEMORY_BYTES,
                    GpuMetrics.MEMORY_BYTES,
                    cpuJob,
                    false)
                .value())
        .isEmpty();
  }

  @Test
  void keysNameNodeGpuAndInstance() {
    assertThat(GpuMetrics.key("node05", 1)).isEqualTo("node05/1");
    assertThat(GpuMetrics.key("node05", 2, "3")).isEqualTo("node05/2/3");
  }
}
