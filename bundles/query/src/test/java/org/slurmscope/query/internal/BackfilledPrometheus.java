package org.slurmscope.query.internal;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real Prometheus serving data that {@code promtool tsdb create-blocks-from openmetrics} loaded
 * from OpenMetrics text, on a free loopback port, in a temporary folder. It scrapes nothing. Tests
 * skip when {@code /usr/bin/promtool} is missing, unless {@code SLURMSCOPE_TESTBED=1} (then they
 * fail, because the testbed installs it).
 */
final class BackfilledPrometheus implements AutoCloseable {

  static final Path PROMTOOL = Path.of("/usr/bin/promtool");
  static final Path PROMETHEUS = Path.of("/usr/bin/prometheus");

  private static final Duration READY_TIMEOUT = Duration.ofSeconds(30);

  private final Process process;
  private final String url;

  private BackfilledPrometheus(Process process, String url) {
    this.process = process;
    this.url = url;
  }

  /** Skips the calling test when Prometheus is not installed and the testbed is not expected. */
  static void assumeInstalled() {
    boolean installed = Files.isExecutable(PROMTOOL) && Files.isExecutable(PROMETHEUS);
    if (!installed && "1".equals(System.getenv("SLURMSCOPE_TESTBED"))) {
      throw new AssertionError(
          PROMTOOL
              + " or "
              + PROMETHEUS
              + " is missing, but SLURMSCOPE_TESTBED=1 says it is there");
    }
    assumeTrue(installed, "Prometheus is not installed: " + PROMTOOL);
  }

  /** Backfills the OpenMetrics text into {@code folder} and starts Prometheus on it. */
  static BackfilledPrometheus start(String openMetrics, Path folder)
      throws IOException, InterruptedException {
    Path input = folder.resolve("data.om");
    Path data = folder.resolve("data");
    Path config = folder.resolve("prometheus.yml");
    Files.writeString(input, openMetrics, StandardCharsets.UTF_8);
    Files.writeString(config, "scrape_configs: []\n", StandardCharsets.UTF_8);
    run(
        folder.resolve("promtool.log"),
        PROMTOOL.toString(),
        "tsdb",
        "create-blocks-from",
        "openmetrics",
        input.toString(),
        data.toString());

    int port = freePort();
    Process process =
        new ProcessBuilder(
                PROMETHEUS.toString(),
                "--config.file=" + config,
                "--storage.tsdb.path=" + data,
                "--storage.tsdb.retention.time=3650d",
                "--web.listen-address=127.0.0.1:" + port)
            .redirectErrorStream(true)
            .redirectOutput(folder.resolve("prometheus.log").toFile())
            .start();
    BackfilledPrometheus prometheus = new BackfilledPrometheus(process, "http://127.0.0.1:" + port);
    prometheus.awaitReady(folder.resolve("prometheus.log"));
    return prometheus;
  }

  String url() {
    return url;
  }

  /** Stops the server by its own process id and waits for it to end. */
  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }

  private void awaitReady(Path log) throws IOException, InterruptedException {
    long end = System.nanoTime() + READY_TIMEOUT.toNanos();
    while (System.nanoTime() < end) {
      if (!process.isAlive()) {
        throw new IOException("Prometheus ended at start: " + Files.readString(log));
      }
      try {
        HttpURLConnection connection =
            (HttpURLConnection) URI.create(url + "/-/ready").toURL().openConnection();
        connection.setConnectTimeout(500);
        connection.setReadTimeout(500);
        if (connection.getResponseCode() == 200) {
          return;
        }
      } catch (IOException notYet) {
        // Not listening yet: try again below.
      }
      Thread.sleep(100);
    }
    close();
    throw new IOException("Prometheus was not ready within " + READY_TIMEOUT + ": see " + log);
  }

  private static void run(Path log, String... command) throws IOException, InterruptedException {
    Process process =
        new ProcessBuilder(List.of(command))
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    if (!process.waitFor(120, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new IOException(command[0] + " did not end within 120 s: see " + log);
    }
    if (process.exitValue() != 0) {
      throw new IOException(
          String.join(" ", command)
              + " failed ("
              + process.exitValue()
              + "): "
              + Files.readString(log));
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }
}
