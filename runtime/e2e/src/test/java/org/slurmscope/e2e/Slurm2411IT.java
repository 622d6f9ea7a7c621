package org.slurmscope.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Slurm 24.11 through its command line tools ({@code scontrol --json}, {@code squeue --states=all})
 * and through slurmrestd in each API version it serves (v0.0.40 to v0.0.42): every reading renders
 * the same jobs, nodes and partitions. This testbed has no Prometheus, so node metrics stay {@code
 * n/a} and {@code --once} may exit with 3.
 */
class Slurm2411IT {

  private static final Duration LIMIT = Duration.ofSeconds(120);

  @TempDir Path dir;

  private Path cliConfig(Testbed2411 testbed) throws Exception {
    return Configs.folder(
        dir.resolve("cli"),
        "cli",
        "http://127.0.0.1:9",
        "org.slurmscope.slurm.cli.cfg",
        "squeueCommand = "
            + testbed.command("squeue")
            + "\n"
            + "sinfoCommand = "
            + testbed.command("sinfo")
            + "\n"
            + "scontrolCommand = "
            + testbed.command("scontrol")
            + "\n"
            + "slurmConf = "
            + testbed.slurmConf
            + "\n");
  }

  private Path restConfig(Testbed2411 testbed, String apiVersion) throws Exception {
    Path token = dir.resolve("token");
    Files.writeString(token, "SLURM_JWT=" + testbed.jwt + "\n");
    return Configs.folder(
        dir.resolve("rest-" + apiVersion),
        "rest",
        "http://127.0.0.1:9",
        "org.slurmscope.slurm.rest.cfg",
        "url = "
            + testbed.restUrl
            + "\napiVersion = "
            + apiVersion
            + "\n"
            + "tokenSource = file\ntokenFile = "
            + token
            + "\nuserName = "
            + testbed.user
            + "\n");
  }

  @Test
  void cliListsFinishedJobs() throws Exception {
    Testbed2411 testbed = Testbed2411.require();

    Map<String, String> before = testbed.squeueJobs();
    JsonNode jobs = once(cliConfig(testbed), "jobs");
    Map<String, String> after = testbed.squeueJobs();

    Map<String, String> shown = new java.util.HashMap<>();
    jobs.forEach(
        job -> shown.put(job.path("job_id").asText(), job.path("state").asText().split("\\+")[0]));
    assertThat(shown.keySet()).isIn(before.keySet(), after.keySet());
    assertThat(shown).containsEntry("2", "FAILED").containsEntry("1", "COMPLETED");
    for (Map.Entry<String, String> job : shown.entrySet()) {
      assertThat(job.getValue())
          .as("job %s", job.getKey())
          .isIn(before.get(job.getKey()), after.get(job.getKey()));
    }
  }

  @Test
  void everyApiVersionMatchesCliJobs() throws Exception {
    Testbed2411 testbed = Testbed2411.require();

    Map<String, String> before =
        SlurmSourcesIT.rows(once(cliConfig(testbed), "jobs"), "job_id", SlurmSourcesIT.JOB_FIELDS);
    for (String version : new String[] {"v0.0.40", "v0.0.41", "v0.0.42"}) {
      Map<String, String> rest =
          SlurmSourcesIT.rows(
              once(restConfig(testbed, version), "jobs"), "job_id", SlurmSourcesIT.JOB_FIELDS);
      Map<String, String> after =
          SlurmSourcesIT.rows(
              once(cliConfig(testbed), "jobs"), "job_id", SlurmSourcesIT.JOB_FIELDS);

      assertThat(rest.keySet()).as(version).isIn(before.keySet(), after.keySet());
      for (Map.Entry<String, String> job : rest.entrySet()) {
        assertThat(job.getValue())
            .as("job %s through %s", job.getKey(), version)
            .isIn(before.get(job.getKey()), after.get(job.getKey()));
      }
      before = after;
    }
  }

  @Test
  void everyApiVersionMatchesCliNodes() throws Exception {
    Testbed2411 testbed = Testbed2411.require();

    Map<String, String> cliNodes =
        SlurmSourcesIT.rows(once(cliConfig(testbed), "nodes"), "name", SlurmSourcesIT.NODE_FIELDS);
    Map<String, String> cliPartitions =
        SlurmSourcesIT.rows(
            once(cliConfig(testbed), "partitions"), "name", SlurmSourcesIT.PARTITION_FIELDS);
    Map<String, String> before = cliNodes;
    for (String version : new String[] {"v0.0.40", "v0.0.41", "v0.0.42"}) {
      Map<String, String> restNodes =
          SlurmSourcesIT.rows(
              once(restConfig(testbed, version), "nodes"), "name", SlurmSourcesIT.NODE_FIELDS);
      Map<String, String> after =
          SlurmSourcesIT.rows(
              once(cliConfig(testbed), "nodes"), "name", SlurmSourcesIT.NODE_FIELDS);

      // cn06 turns from DOWN into DOWN+NOT_RESPONDING a minute after the start.
      assertThat(restNodes.keySet()).as(version).isEqualTo(before.keySet());
      for (Map.Entry<String, String> node : restNodes.entrySet()) {
        assertThat(node.getValue())
            .as("node %s through %s", node.getKey(), version)
            .isIn(before.get(node.getKey()), after.get(node.getKey()));
      }
      before = after;
    }
    Map<String, String> restPartitions =
        SlurmSourcesIT.rows(
            once(restConfig(testbed, "v0.0.42"), "partitions"),
            "name",
            SlurmSourcesIT.PARTITION_FIELDS);

    assertThat(cliNodes.keySet()).containsExactly("cn01", "cn02", "cn03", "cn04", "cn05", "cn06");
    // The command line marks the default partition from sinfo; slurmrestd's JSON cannot.
    assertThat(restPartitions.keySet()).isEqualTo(cliPartitions.keySet());
    assertThat(restPartitions.get("batch")).isEqualTo(cliPartitions.get("batch"));
  }

  @Test
  void discoveryChoosesV0042() throws Exception {
    Testbed2411 testbed = Testbed2411.require();
    Path token = dir.resolve("token");
    Files.writeString(token, testbed.jwt + "\n");
    Path config =
        Configs.folder(
            dir.resolve("discover"),
            "rest",
            "http://127.0.0.1:9",
            "org.slurmscope.slurm.rest.cfg",
            "url = " + testbed.restUrl + "\ntokenFile = " + token + "\n");
    // Discovery is logged at INFO, below the log file's default level.
    Distribution distribution =
        new Distribution(dir).with("SLURMSCOPE_OPTS", "-Dorg.osgi.service.log.admin.loglevel=INFO");

    Distribution.Result result =
        distribution.run(
            LIMIT, "--config", config.toString(), "--once", "nodes", "--format", "json");

    assertThat(result.exitCode()).as(result.stderr()).isIn(0, 3);
    assertThat(Testbed.JSON.readTree(result.stdout())).hasSize(6);
    assertThat(Files.readString(distribution.logFile()))
        .containsOnlyOnce("serves API v0.0.40, v0.0.41, v0.0.42: using v0.0.42");
  }

  private JsonNode once(Path config, String view) throws Exception {
    Distribution.Result result =
        new Distribution(dir)
            .run(LIMIT, "--config", config.toString(), "--once", view, "--format", "json");
    assertThat(result.exitCode()).as(result.stderr()).isIn(0, 3);
    return Testbed.JSON.readTree(result.stdout());
  }
}
