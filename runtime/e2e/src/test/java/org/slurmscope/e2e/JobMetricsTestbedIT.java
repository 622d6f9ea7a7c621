package org.slurmscope.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The job columns of {@code --once jobs} against the testbed: the seeded running jobs' memory and
 * CPU use equal what their cgroup exporters report, read directly before and after slurmscope.
 */
class JobMetricsTestbedIT {

  private static final Duration LIMIT = Duration.ofSeconds(120);
  private static final double MIB = 1024.0 * 1024.0;

  /** A job-level cgroup sample line of the cgroup exporter. */
  private static final Pattern SAMPLE =
      Pattern.compile(
          "^(\\w+)\\{cgroup=\"/slurm/uid_\\d+/job_(\\d+)\"\\} (\\S+)$", Pattern.MULTILINE);

  @TempDir Path dir;

  @Test
  void seededJobColumnsEqualTheCgroupExporter() throws Exception {
    Testbed testbed = Testbed.require();
    Path config = testbed.writeConfig(dir.resolve("site"));
    testbed.awaitRateWindow(Duration.ofMinutes(1));
    List<String> jobs =
        List.of(
            System.getenv("SEED_TRAIN"),
            System.getenv("SEED_ANALYSIS"),
            System.getenv("SEED_GPU"),
            System.getenv("SEED_ARRAY") + "_1",
            System.getenv("SEED_ARRAY") + "_2");
    // An array task's cgroup is named by its own job id (%A), not by the array's id (%i).
    Map<String, String> cgroupIds = new HashMap<>();
    for (String line : testbed.slurm("squeue", "-h", "-t", "all", "-o", "%i|%A").split("\n")) {
      String[] fields = line.strip().split("\\|");
      if (fields.length == 2) {
        cgroupIds.put(fields[0], fields[1]);
      }
    }

    Map<String, Double> memoryBefore = exporters("cgroup_memory_used_bytes");
    Map<String, Double> cpuBefore = exporters("cgroup_cpu_total_seconds");
    long start = System.nanoTime();
    Distribution.Result result =
        new Distribution(dir)
            .run(LIMIT, "--config", config.toString(), "--once", "jobs", "--format", "json");
    Thread.sleep(5_000);
    Map<String, Double> memoryAfter = exporters("cgroup_memory_used_bytes");
    Map<String, Double> cpuAfter = exporters("cgroup_cpu_total_seconds");
    double seconds = (System.nanoTime() - start) / 1e9;

    assertThat(result.exitCode()).as(result.stderr()).isIn(0, 3);
    Map<String, JsonNode> rows = new HashMap<>();
    for (JsonNode row : Testbed.JSON.readTree(result.stdout())) {
      rows.put(row.path("job_id").asText(), row);
    }
    for (String job : jobs) {
      JsonNode row = rows.get(job);
      String cgroup = cgroupIds.getOrDefault(job, job);
      assertThat(row).as("row of seeded job %s", job).isNotNull();
      assertThat(row.path("state").asText()).as("state of job %s", job).startsWith("RUNNING");
      boolean perCpu = "cpu".equals(row.path("memory_per").asText());
      double requestBytes =
          row.path("memory_mb").asDouble()
              * MIB
              * (perCpu ? row.path("cpus").asDouble() : row.path("node_count").asDouble());
      double low = Math.min(memoryBefore.get(cgroup), memoryAfter.get(cgroup)) / requestBytes * 100;
      double high =
          Math.max(memoryBefore.get(cgroup), memoryAfter.get(cgroup)) / requestBytes * 100;
      assertThat(row.path("job_memory_percent").asDouble())
          .as("MEM%% of job %s", job)
          .isBetween(low * 0.98, high * 1.02);
      double cores = (cpuAfter.get(cgroup) - cpuBefore.get(cgroup)) / seconds;
      double cpuPercent = 100 * cores / row.path("cpus").asDouble();
      assertThat(row.path("job_cpu_percent").asDouble())
          .as("CPU%% of job %s", job)
          .isCloseTo(cpuPercent, within(2.5));
    }
  }

  /** Reads a metric of every node's cgroup exporter, keyed by job id. */
  private static Map<String, Double> exporters(String metric)
      throws IOException, InterruptedException {
    HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    Map<String, Double> values = new HashMap<>();
    for (String pair : System.getenv("TESTBED_CGROUP_EXPORTERS").strip().split("\\s+")) {
      String url = pair.substring(pair.indexOf('=') + 1);
      HttpResponse<String> response =
          client.send(
              HttpRequest.newBuilder(URI.create(url)).build(),
              HttpResponse.BodyHandlers.ofString());
      Matcher sample = SAMPLE.matcher(response.body());
      while (sample.find()) {
        if (sample.group(1).equals(metric)) {
          values.merge(sample.group(2), Double.parseDouble(sample.group(3)), Double::sum);
        }
      }
    }
    return values;
  }
}
