package org.slurmscope.api.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.slurmscope.api.slurm.Job;
import org.slurmscope.api.slurm.JobState;

class JobMetricsTest {

  @Test
  void arrayTaskKeyedBySlurmJobId() {
    Job task = Job.builder("8_1", JobState.of("RUNNING")).slurmJobId(18L).build();

    assertThat(JobMetrics.key(task)).isEqualTo("18");
  }

  @Test
  void numericIdUsedWithoutSlurmJobId() {
    assertThat(JobMetrics.key(Job.builder("6", JobState.of("RUNNING")).build())).isEqualTo("6");
  }

  @Test
  void arrayTaskWithoutSlurmJobIdHasNoKey() {
    assertThat(JobMetrics.key(Job.builder("8_1", JobState.of("RUNNING")).build())).isNull();
  }
}
