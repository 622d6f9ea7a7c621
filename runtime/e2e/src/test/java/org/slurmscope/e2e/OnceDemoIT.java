package org.slurmscope.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --once} on the built-in demo cluster: needs no testbed. */
class OnceDemoIT {

  private static final Duration LIMIT = Duration.ofSeconds(90);

  @TempDir Path dir;

  @Test
  void nodesJsonListsEveryDemoNodeWithMetrics() throws Exception {
    Distribution.Result result =
        new Distribution(dir).run(LIMIT, "--demo", "--once", "nodes", "--format", "json");

    assertThat(result.exitCode()).as(result.stderr()).isZero();
    JsonNode nodes = Testbed.JSON.readTree(result.stdout());
    assertThat(nodes).hasSize(64);
    int withCpu = 0;
    for (JsonNode node : nodes) {
      assertThat(node.path("name").asText()).isNotBlank();
      assertThat(node.path("state").asText()).matches("[A-Z_]+(\\+[A-Z_]+)*");
      if (node.path("cpu_percent").isNumber()) {
        assertThat(node.path("cpu_percent").asDouble()).isBetween(0.0, 100.0);
        withCpu++;
      }
    }
    assertThat(withCpu).as("nodes with a CPU %% value").isGreaterThan(32);
  }

  @Test
  void jobsCsvHasStableHeader() throws Exception {
    Distribution.Result result =
        new Distribution(dir).run(LIMIT, "--demo", "--once", "jobs", "--format", "csv");

    assertThat(result.exitCode()).as(result.stderr()).isZero();
    String[] lines = result.stdout().split("\r\n");
    assertThat(lines[0])
        .isEqualTo(
            "job_id,user,partition,name,state,reason,elapsed,time_limit,node_count,cpus,"
                + "memory_mb,memory_per,nodes,job_cpu_percent,job_memory_percent,"
                + "job_memory_peak_percent,job_gpu_percent");
    assertThat(lines.length).isGreaterThan(100);
  }

  @Test
  void unknownViewFailsWithTheViewNames() throws Exception {
    Distribution.Result result = new Distribution(dir).run(LIMIT, "--demo", "--once", "bogus");

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.stderr())
        .contains("no view named 'bogus'")
        .contains("jobs")
        .contains("nodes");
  }

  @Test
  void badOptionExitsWithUsageError() throws Exception {
    Distribution.Result result =
        new Distribution(dir).run(LIMIT, "--once", "jobs", "--format", "xml");

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.stderr()).contains("--format xml is not supported");
  }
}
