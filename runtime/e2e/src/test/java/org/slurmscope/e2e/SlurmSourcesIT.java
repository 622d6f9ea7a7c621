package org.slurmscope.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The same Slurm 22.05 cluster through the command line tools and through slurmrestd (API v0.0.38):
 * {@code --once} renders the same jobs, nodes and partitions from both. The testbed's jobs change
 * state over time, so the REST reading is compared with a CLI reading taken before and one taken
 * after it.
 */
class SlurmSourcesIT {

  private static final Duration LIMIT = Duration.ofSeconds(120);

  /** The job columns that do not change while a job keeps its state. */
  static final List<String> JOB_FIELDS =
      List.of(
          "state",
          "user",
          "partition",
          "name",
          "time_limit",
          "node_count",
          "cpus",
          "memory_mb",
          "memory_per",
          "nodes");

  static final List<String> NODE_FIELDS =
      List.of(
          "state",
          "partitions",
          "cpus_allocated",
          "cpus_total",
          "memory_allocated_mb",
          "memory_total_mb");

  /**
   * The partition columns that do not change over time; idle CPUs and job counts follow the jobs,
   * which the job tests compare.
   */
  static final List<String> PARTITION_FIELDS =
      List.of("state", "nodes", "cpus_total", "time_limit", "node_list");

  @TempDir Path dir;

  private Path cliConfig(Testbed testbed) throws Exception {
    return testbed.writeConfig(dir.resolve("cli"));
  }

  /** slurmrestd with a token made by scontrol token for the testbed's user, as root may. */
  private Path restConfig(Testbed testbed) throws Exception {
    return Configs.folder(
        dir.resolve("rest"),
        "rest",
        testbed.prometheusUrl,
        "org.slurmscope.slurm.rest.cfg",
        "url = "
            + System.getenv("SLURMRESTD_URL")
            + "\n"
            + "tokenSource = scontrol\n"
            + "userName = "
            + System.getenv().getOrDefault("SLURMRESTD_USER", "alice")
            + "\n");
  }

  @Test
  void restJobsMatchSqueue() throws Exception {
    Testbed testbed = Testbed.require();

    Map<String, String> before = rows(once(cliConfig(testbed), "jobs"), "job_id", JOB_FIELDS);
    Map<String, String> rest = rows(once(restConfig(testbed), "jobs"), "job_id", JOB_FIELDS);
    Map<String, String> after = rows(once(cliConfig(testbed), "jobs"), "job_id", JOB_FIELDS);

    assertThat(rest.keySet()).isIn(before.keySet(), after.keySet());
    assertThat(rest).hasSizeGreaterThanOrEqualTo(15);
    for (Map.Entry<String, String> job : rest.entrySet()) {
      assertThat(job.getValue())
          .as("job %s", job.getKey())
          .isIn(before.get(job.getKey()), after.get(job.getKey()));
    }
  }

  @Test
  void restNodesAndPartitionsMatchCli() throws Exception {
    Testbed testbed = Testbed.require();

    Map<String, String> before = rows(once(cliConfig(testbed), "nodes"), "name", NODE_FIELDS);
    Map<String, String> rest = rows(once(restConfig(testbed), "nodes"), "name", NODE_FIELDS);
    Map<String, String> after = rows(once(cliConfig(testbed), "nodes"), "name", NODE_FIELDS);
    Map<String, String> cliPartitions =
        rows(once(cliConfig(testbed), "partitions"), "name", PARTITION_FIELDS);
    Map<String, String> restPartitions =
        rows(once(restConfig(testbed), "partitions"), "name", PARTITION_FIELDS);

    assertThat(rest.keySet())
        .containsExactly("node01", "node02", "node03", "node04", "node05", "node06");
    for (Map.Entry<String, String> node : rest.entrySet()) {
      assertThat(node.getValue())
          .as("node %s", node.getKey())
          .isIn(before.get(node.getKey()), after.get(node.getKey()));
    }
    assertThat(restPartitions.keySet()).containsExactly("batch", "debug", "gpu", "long");
    assertThat(restPartitions.get("debug")).isEqualTo(cliPartitions.get("debug"));
    assertThat(restPartitions.get("long")).isEqualTo(cliPartitions.get("long"));
  }

  @Test
  void versionDiscoveredAndLoggedOnce() throws Exception {
    Testbed testbed = Testbed.require();
    // Discovery is logged at INFO, below the log file's default level.
    Distribution distribution =
        new Distribution(dir).with("SLURMSCOPE_OPTS", "-Dorg.osgi.service.log.admin.loglevel=INFO");

    Distribution.Result result =
        distribution.run(
            LIMIT,
            "--config",
            restConfig(testbed).toString(),
            "--once",
            "jobs",
            "--format",
            "json");

    assertThat(result.exitCode()).as(result.stderr()).isIn(0, 3);
    String log = Files.readString(distribution.logFile());
    assertThat(log).containsOnlyOnce("serves API v0.0.36, v0.0.37, v0.0.38: using v0.0.38");
    assertThat(log).contains("Made a slurmrestd token with scontrol token");
  }

  @Test
  void rejectedTokenIsReported() throws Exception {
    Testbed testbed = Testbed.require();
    Path token = dir.resolve("token");
    Files.writeString(token, "not-a-valid-token\n");
    Path config =
        Configs.folder(
            dir.resolve("bad-token"),
            "rest",
            testbed.prometheusUrl,
            "org.slurmscope.slurm.rest.cfg",
            "url = "
                + System.getenv("SLURMRESTD_URL")
                + "\napiVersion = v0.0.38\n"
                + "tokenSource = file\ntokenFile = "
                + token
                + "\nuserName = alice\n");

    Distribution.Result result =
        new Distribution(dir)
            .run(LIMIT, "--config", config.toString(), "--once", "jobs", "--format", "json");

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.stderr()).contains("returned 500").contains("slurmrestd at ");
  }

  private Distribution.Result onceResult(Path config, String view) throws Exception {
    return new Distribution(dir)
        .run(LIMIT, "--config", config.toString(), "--once", view, "--format", "json");
  }

  private JsonNode once(Path config, String view) throws Exception {
    Distribution.Result result = onceResult(config, view);
    assertThat(result.exitCode()).as(result.stderr()).isIn(0, 3);
    return Testbed.JSON.readTree(result.stdout());
  }

  /** Renders each row's fields as one line, keyed by {@code key}. */
  static Map<String, String> rows(JsonNode rows, String key, List<String> fields) {
    Map<String, String> rendered = new TreeMap<>();
    for (JsonNode row : rows) {
      StringBuilder line = new StringBuilder();
      for (String field : fields) {
        assertThat(row.has(field)).as("%s of %s", field, row.path(key).asText()).isTrue();
        line.append(field).append('=').append(row.path(field).toString()).append(' ');
      }
      rendered.put(row.path(key).asText(), line.toString().strip());
    }
    return rendered;
  }
}
