package org.slurmscope.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --demo --once jobs} shows the job metric columns for running jobs. */
class OnceDemoJobsIT {

  @TempDir Path dir;

  @Test
  void runningDemoJobsHaveJobColumns() throws Exception {
    Distribution.Result result =
        new Distribution(dir)
            .run(Duration.ofSeconds(60), "--demo", "--once", "jobs", "--format", "json");

    assertThat(result.exitCode()).as(result.stderr()).isZero();
    int running = 0;
    for (JsonNode job : Testbed.JSON.readTree(result.stdout())) {
      boolean plain = job.path("job_id").asText().matches("\\d+");
      if (!job.path("state").asText().startsWith("RUNNING") || !plain) {
        continue;
      }
      running++;
      assertThat(job.path("job_cpu_percent").isNumber()).as("CPU%% of %s", job).isTrue();
      assertThat(job.path("job_memory_percent").asDouble())
          .as("MEM%% of %s", job)
          .isBetween(0.0, 100.0);
      assertThat(job.path("job_memory_peak_percent").asDouble())
          .as("PEAK%% of %s", job)
          .isGreaterThanOrEqualTo(job.path("job_memory_percent").asDouble() - 0.1);
    }
    assertThat(running).as("running demo jobs").isPositive();
  }
}
