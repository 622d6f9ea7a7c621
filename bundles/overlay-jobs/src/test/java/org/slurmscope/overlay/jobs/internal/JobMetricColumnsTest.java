package org.slurmscope.overlay.jobs.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.slurmscope.api.console.Cell;
import org.slurmscope.api.console.Column;
import org.slurmscope.api.console.Tone;
import org.slurmscope.api.metrics.GpuMetrics;
import org.slurmscope.api.metrics.JobMetrics;
import org.slurmscope.api.metrics.MetricResult;
import org.slurmscope.api.metrics.MetricSnapshot;
import org.slurmscope.api.slurm.Gpus;
import org.slurmscope.api.slurm.Job;
import org.slurmscope.api.slurm.JobState;
import org.slurmscope.api.slurm.MemoryRequest;
import org.slurmscope.api.state.ClusterState;
import org.slurmscope.api.state.SourceStatus;

class JobMetricColumnsTest {

  private static final Instant NOW = Instant.parse("2026-12-04T21:50:00Z");
  private static final JobThresholds THRESHOLDS = JobThresholds.from(Map.of());
  private static final List<Column<Job>> COLUMNS = JobMetricColumns.create(THRESHOLDS);

  /** The seeded train job of the testbed: 8 CPUs and 2 GiB on node01. */
  private static final Job TRAIN =
      Job.builder("6", JobState.of("RUNNING"))
          .cpus(8)
          .nodeCount(1)
          .memory(new MemoryRequest(2048, MemoryRequest.Per.NODE))
          .hosts(List.of("node01"))
          .build();

  /** The seeded GPU job: 2 CPUs, 4 GiB and GPU index 1 on node05. */
  private static final Job GPU_JOB =
      Job.builder("10", JobState.of("RUNNING"))
          .cpus(2)
          .nodeCount(1)
          .memory(new MemoryRequest(4096, MemoryRequest.Per.NODE))
          .gpus(new Gpus(1, Map.of(), List.of(1)))
          .hosts(List.of("node05"))
          .build();

  private static ClusterState state(Map<String, MetricResult> results, Map<String, String> errors) {
    MetricSnapshot metrics = new MetricSnapshot(NOW, results, errors);
    SourceStatus ok = new SourceStatus("prometheus", SourceStatus.Health.OK, "", NOW, NOW);
    return new ClusterState(1, NOW, null, ok, metrics, ok);
  }

  private static MetricResult result(String metric, Map<String, Double> values) {
    return new MetricResult(metric, values, "q", List.of());
  }

  private static Cell cell(String key, Job job, ClusterState state) {
    return COLUMNS.stream()
        .filter(c -> c.key().equals(key))
        .findFirst()
        .orElseThrow()
        .cell(job, state);
  }

  @Test
  void cpuIsCoresAgainstAllocatedCpus() {
    ClusterState state =
        state(
            Map.of(JobMetrics.CPU_CORES, result(JobMetrics.CPU_CORES, Map.of("6", 6.0))), Map.of());

    Cell cpu = cell("job_cpu_percent", TRAIN, state);

    assertThat(cpu.text()).isEqualTo("75.0");
    assertThat(cpu.value()).isEqualTo(75.0);
    assertThat(cpu.tone()).isEqualTo(Tone.GOOD);
  }

  @Test
  void idleAllocationIsAWarning() {
    ClusterState state =
        state(
            Map.of(JobMetrics.CPU_CORES, result(JobMetrics.CPU_CORES, Map.of("6", 0.4))), Map.of());

    assertThat(cell("job_cpu_percent", TRAIN, state).tone()).isEqualTo(Tone.WARNING);
  }

  @Test
  void memoryIsUseAgainstRequest() {
    double bytes = 0.97 * 2048 * 1024 * 1024;
    ClusterState state =
        state(
            Map.of(JobMetrics.MEMORY_BYTES, result(JobMetrics.MEMORY_BYTES, Map.of("6", bytes))),
            Map.of());

    Cell memory = cell("job_memory_percent", TRAIN, state);

    assertThat(memory.text()).isEqualTo("97.0");
    assertThat(memory.tone()).isEqualTo(Tone.CRITICAL);
  }

  @Test
  void perCpuMemoryRequestCountsEveryCpu() {
    Job perCpu = TRAIN.toBuilder().memory(new MemoryRequest(256, MemoryRequest.Per.CPU)).build();
    double bytes = 1024.0 * 1024 * 1024;
    ClusterState state =
        state(
            Map.of(JobMetrics.MEMORY_BYTES, result(JobMetrics.MEMORY_BYTES, Map.of("6", bytes))),
            Map.of());

    assertThat(cell("job_memory_percent", perCpu, state).text()).isEqualTo("50.0");
  }

  @Test
  void runningJobWithoutSeriesIsNotAvailable() {
    ClusterState state =
        state(Map.of(JobMetrics.CPU_CORES, result(JobMetrics.CPU_CORES, Map.of())), Map.of());

    assertThat(cell("job_cpu_percent", TRAIN, state)).isEqualTo(Cell.NOT_AVAILABLE);
  }

  @Test
  void failedQueryIsAWarningCell() {
    ClusterState state = state(Map.of(), Map.of(JobMetrics.CPU_CORES, "jobCpuQuery failed"));

    assertThat(cell("job_cpu_percent", TRAIN, state)).isEqualTo(JobMetricColumns.QUERY_FAILED);
  }

  @Test
  void pendingJobHasEmptyCells() {
    Job pending = Job.builder("11", JobState.of("PENDING")).cpus(4).build();
    ClusterState state = state(Map.of(), Map.of());

    assertThat(cell("job_cpu_percent", pending, state).text()).isEmpty();
    assertThat(cell("job_gpu_percent", pending, state).text()).isEmpty();
  }

  @Test
  void arrayTaskHasNoKey() {
    Job arrayTask =
        Job.builder("8_1", JobState.of("RUNNING")).arrayJobId("8").arrayTaskId("1").cpus(1).build();
    ClusterState state =
        state(
            Map.of(JobMetrics.CPU_CORES, result(JobMetrics.CPU_CORES, Map.of("8", 1.0))), Map.of());

    assertThat(cell("job_cpu_percent", arrayTask, state)).isEqualTo(Cell.NOT_AVAILABLE);
  }

  @Test
  void gpuFromJobLabelWins() {
    ClusterState state =
        state(
            Map.of(
                JobMetrics.GPU_UTILIZATION_PERCENT,
                result(JobMetrics.GPU_UTILIZATION_PERCENT, Map.of("10", 80.0)),
                GpuMetrics.UTILIZATION_PERCENT,
                result(GpuMetrics.UTILIZATION_PERCENT, Map.of("node05/1", 10.0))),
            Map.of());

    assertThat(cell("job_gpu_percent", GPU_JOB, state).text()).isEqualTo("80.0");
  }

  @Test
  void gpuFallsBackToSlurmGpuIndexes() {
    ClusterState state =
        state(
            Map.of(
                JobMetrics.GPU_UTILIZATION_PERCENT,
                result(JobMetrics.GPU_UTILIZATION_PERCENT, Map.of()),
                GpuMetrics.UTILIZATION_PERCENT,
                result(GpuMetrics.UTILIZATION_PERCENT, Map.of("node05/0", 90.0, "node05/1", 10.0))),
            Map.of());

    Cell gpu = cell("job_gpu_percent", GPU_JOB, state);

    assertThat(gpu.text()).isEqualTo("10.0");
    assertThat(gpu.tone()).isEqualTo(Tone.WARNING);
  }

  @Test
  void jobWithoutGpusHasAnEmptyGpuCell() {
    assertThat(cell("job_gpu_percent", TRAIN, state(Map.of(), Map.of())).text()).isEmpty();
  }

  @Test
  void nanStaysNan() {
    ClusterState state =
        state(
            Map.of(JobMetrics.CPU_CORES, result(JobMetrics.CPU_CORES, Map.of("6", Double.NaN))),
            Map.of());

    assertThat(cell("job_cpu_percent", TRAIN, state).text()).isEqualTo("NaN");
  }
}
