package org.slurmscope.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * The real SLURM 22.05 and Prometheus testbed that runtime/testbed/run-tests.sh starts. Tests that
 * need it call {@link #require()}: with SLURMSCOPE_TESTBED=1 (as the test script sets) a missing
 * testbed fails the test; without it the test is skipped, so a plain mvn verify still works.
 */
final class Testbed {

  static final ObjectMapper JSON = new ObjectMapper();

  final String slurmConf;
  final String prometheusUrl;

  private Testbed(String slurmConf, String prometheusUrl) {
    this.slurmConf = slurmConf;
    this.prometheusUrl = prometheusUrl;
  }

  static Testbed require() {
    String slurmConf = System.getenv("SLURM_CONF");
    String prometheus = System.getenv("PROMETHEUS_URL");
    boolean required = "1".equals(System.getenv("SLURMSCOPE_TESTBED"));
    boolean present =
        slurmConf != null && prometheus != null && Files.isRegularFile(Path.of(slurmConf));
    if (!required) {
      Assumptions.assumeTrue(
          present, "testbed not running: start it with runtime/testbed/run-tests.sh");
    }
    assertThat(present)
        .as("SLURMSCOPE_TESTBED=1 but SLURM_CONF/PROMETHEUS_URL do not point at a running testbed")
        .isTrue();
    return new Testbed(slurmConf, prometheus);
  }

  /**
   * Writes a site configuration folder that points slurmscope at this testbed, with fast refreshes
   * so a test does not wait for the 30 s default.
   */
  Path writeConfig(Path dir) throws IOException {
    Files.createDirectories(dir);
    Files.writeString(
        dir.resolve("org.slurmscope.state.cfg"),
        "slurmRefreshSeconds = 5\nmetricRefreshSeconds = 5\n"
            + "slurmSource.target = (source=cli)\nmetricSource.target = (source=prometheus)\n");
    Files.writeString(
        dir.resolve("org.slurmscope.slurm.cli.cfg"), "slurmConf = " + slurmConf + "\n");
    Files.writeString(
        dir.resolve("org.slurmscope.prometheus.cfg"), "url = " + prometheusUrl + "\n");
    return dir;
  }

  /**
   * Waits until Prometheus contains a full window of the given length, because {@code rate()} over
   * a window that is not yet filled gives wrong values: the window, plus 15 s for the first scrape.
   */
  void awaitRateWindow(Duration window) throws InterruptedException {
    String startedAt = System.getenv("TESTBED_PROMETHEUS_STARTED_AT");
    if (startedAt == null || startedAt.isBlank()) {
      return;
    }
    long readyAt = Long.parseLong(startedAt.strip()) + window.toSeconds() + 15;
    long waitSeconds = readyAt - java.time.Instant.now().getEpochSecond();
    if (waitSeconds > 0) {
      Thread.sleep(waitSeconds * 1000);
    }
  }

  /** Runs a SLURM command against the testbed and returns its standard output. */
  String slurm(String... command) throws IOException, InterruptedException {
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(false);
    builder.environment().put("SLURM_CONF", slurmConf);
    Process process = builder.start();
    byte[] out = process.getInputStream().readAllBytes();
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).as(String.join(" ", command)).isZero();
    return new String(out, StandardCharsets.UTF_8);
  }

  /** Evaluates a PromQL query on the testbed's Prometheus; returns value per instance label. */
  Map<String, Double> promql(String query) throws IOException, InterruptedException {
    HttpClient client =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    URI uri =
        URI.create(
            prometheusUrl
                + "/api/v1/query?query="
                + URLEncoder.encode(query, StandardCharsets.UTF_8));
    HttpResponse<String> response =
        client.send(
            HttpRequest.newBuilder(uri).GET().build(), HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(query).isEqualTo(200);
    JsonNode result = JSON.readTree(response.body()).path("data").path("result");
    Map<String, Double> values = new HashMap<>();
    for (JsonNode series : result) {
      values.put(
          series.path("metric").path("instance").asText(),
          Double.parseDouble(series.path("value").path(1).asText()));
    }
    return values;
  }

  /** Node name and compound state, as SLURM 22.05's sinfo --json reports them now. */
  Map<String, String> nodeStates() throws IOException, InterruptedException {
    JsonNode nodes = JSON.readTree(slurm("sinfo", "--json")).path("nodes");
    Map<String, String> states = new HashMap<>();
    for (JsonNode node : nodes) {
      StringBuilder state = new StringBuilder(node.path("state").asText().toUpperCase());
      for (JsonNode flag : node.path("state_flags")) {
        state.append('+').append(flag.asText().toUpperCase());
      }
      states.put(node.path("name").asText(), state.toString());
    }
    return states;
  }

  /** Job id and state as squeue prints them (-t all), one entry per line of squeue. */
  Map<String, String> squeueJobs() throws IOException, InterruptedException {
    Map<String, String> jobs = new HashMap<>();
    for (String line : slurm("squeue", "-h", "-t", "all", "-o", "%i|%T").split("\n")) {
      if (!line.isBlank()) {
        String[] fields = line.strip().split("\\|");
        jobs.put(fields[0], fields[1]);
      }
    }
    return jobs;
  }

  static List<String> list(String... values) {
    return List.of(values);
  }
}
