package org.slurmscope.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --once} against the testbed's real SLURM 22.05 and Prometheus. SLURM and Prometheus are
 * read right before and right after slurmscope, because the testbed's jobs and nodes change state
 * over time; slurmscope must agree with one of the two readings.
 */
class OnceTestbedIT {

  private static final Duration LIMIT = Duration.ofSeconds(120);

  /** Same PromQL as the query bundle's defaults, evaluated directly. */
  private static final String CPU =
      "100 * (1 - avg by (instance) (rate(node_cpu_seconds_total{mode=\"idle\"}[1m])))";

  private static final String MEMORY =
      "100 * (1 - max by (instance) (node_memory_MemAvailable_bytes)"
          + " / max by (instance) (node_memory_MemTotal_bytes))";

  /** Percentage points two reads of a steady per-node profile may differ by. */
  private static final double TOLERANCE = 2.0;

  @TempDir Path dir;

  @Test
  void nodesMatchSlurmAtTheSameMoment() throws Exception {
    Testbed testbed = Testbed.require();
    Path config = testbed.writeConfig(dir.resolve("site"));

    Map<String, String> before = testbed.nodeStates();
    Distribution.Result result =
        new Distribution(dir)
            .run(LIMIT, "--config", config.toString(), "--once", "nodes", "--format", "json");
    Map<String, String> after = testbed.nodeStates();

    assertThat(result.exitCode()).as(result.stderr()).isIn(0, 3);
    Map<String, String> shown = new HashMap<>();
    for (JsonNode node : Testbed.JSON.readTree(result.stdout())) {
      shown.put(node.path("name").asText(), node.path("state").asText());
    }
    assertThat(shown.keySet()).isEqualTo(before.keySet());
    for (Map.Entry<String, String> node : shown.entrySet()) {
      assertThat(node.getValue())
          .as("state of %s", node.getKey())
          .isIn(before.get(node.getKey()), after.get(node.getKey()));
    }
  }

  @Test
  void nodeMetricsEqualDirectPromql() throws Exception {
    Testbed testbed = Testbed.require();
    Path config = testbed.writeConfig(dir.resolve("site"));
    testbed.awaitRateWindow(Duration.ofMinutes(1));

    Map<String, Double> cpuBefore = testbed.promql(CPU);
    Map<String, Double> memoryBefore = testbed.promql(MEMORY);
    Distribution.Result result =
        new Distribution(dir)
            .run(LIMIT, "--config", config.toString(), "--once", "nodes", "--format", "json");

    assertThat(result.exitCode()).as(result.stderr()).isZero();
    int compared = 0;
    for (JsonNode node : Testbed.JSON.readTree(result.stdout())) {
      String instance = node.path("name").asText() + ":9100";
      Double cpu = cpuBefore.get(instance);
      if (cpu == null) {
        // A node without a running node_exporter (node06) has no series.
        assertThat(node.path("cpu_percent").isNull()).as("cpu_percent of %s", instance).isTrue();
        continue;
      }
      assertThat(node.path("cpu_percent").asDouble())
          .as("CPU %% of %s", instance)
          .isCloseTo(cpu, within(TOLERANCE));
      assertThat(node.path("memory_percent").asDouble())
          .as("MEM %% of %s", instance)
          .isCloseTo(memoryBefore.get(instance), within(TOLERANCE));
      compared++;
    }
    assertThat(compared).as("nodes with node_exporter series").isEqualTo(5);
  }

  @Test
  void jobsMatchSqueue() throws Exception {
    Testbed testbed = Testbed.require();
    Path config = testbed.writeConfig(dir.resolve("site"));

    Map<String, String> before = testbed.squeueJobs();
    Distribution.Result result =
        new Distribution(dir)
            .run(LIMIT, "--config", config.toString(), "--once", "jobs", "--format", "json");
    Map<String, String> after = testbed.squeueJobs();

    assertThat(result.exitCode()).as(result.stderr()).isIn(0, 3);
    Map<String, String> shown = new HashMap<>();
    for (JsonNode job : Testbed.JSON.readTree(result.stdout())) {
      shown.put(job.path("job_id").asText(), job.path("state").asText());
    }
    assertThat(shown.keySet()).isIn(before.keySet(), after.keySet());
    for (Map.Entry<String, String> job : shown.entrySet()) {
      String state = job.getValue().split("\\+")[0];
      assertThat(state)
          .as("state of job %s", job.getKey())
          .isIn(before.get(job.getKey()), after.get(job.getKey()));
    }
  }
}
