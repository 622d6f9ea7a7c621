package org.slurmscope.query.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slurmscope.api.metrics.JobMetrics;
import org.slurmscope.api.metrics.MetricResult;
import org.slurmscope.api.metrics.MetricSnapshot;
import org.slurmscope.api.metrics.NodeMetrics;
import org.slurmscope.api.prometheus.Sample;
import org.slurmscope.prometheus.internal.ClientSettings;
import org.slurmscope.prometheus.internal.OkHttpPrometheusClient;
import org.slurmscope.query.internal.Exposition.Line;

/**
 * The metric source against the testbed's real Prometheus, node_exporters and cgroup exporters.
 * Skipped without PROMETHEUS_URL, except under SLURMSCOPE_TESTBED=1, where it must run.
 */
class TestbedMetricsTest {

  private static final TestLogger LOG = new TestLogger();
  private static final Set<String> NODE_METRICS =
      Set.of(
          NodeMetrics.CPU_PERCENT,
          NodeMetrics.MEMORY_PERCENT,
          NodeMetrics.LOAD1,
          NodeMetrics.LOAD5,
          NodeMetrics.LOAD15,
          NodeMetrics.DISK_READ_BYTES_PER_SECOND,
          NodeMetrics.NETWORK_RECEIVE_BYTES_PER_SECOND,
          NodeMetrics.FILESYSTEM_PERCENT,
          NodeMetrics.UP);

  private static OkHttpPrometheusClient http;

  @BeforeAll
  static void connect() {
    String url = System.getenv("PROMETHEUS_URL");
    if (!"1".equals(System.getenv("SLURMSCOPE_TESTBED"))) {
      Assumptions.assumeTrue(url != null && !url.isBlank(), "PROMETHEUS_URL is not set");
    }
    assertThat(url).as("SLURMSCOPE_TESTBED=1 but PROMETHEUS_URL is not set").isNotBlank();
    http = new OkHttpPrometheusClient(ClientSettings.of(url, 2000, 10000, 15000), LOG.logger());
  }

  @AfterAll
  static void close() {
    if (http != null) {
      http.close();
    }
  }

  private static Map<String, String> pairs(String variable) {
    Map<String, String> pairs = new HashMap<>();
    String text = System.getenv(variable);
    assertThat(text).as(variable).isNotBlank();
    for (String pair : text.strip().split("\\s+")) {
      String[] parts = pair.split("=", 2);
      pairs.put(parts[0], parts[1]);
    }
    return pairs;
  }

  @Test
  void nodeMetricsEqualDirectPromql() throws Exception {
    Instant time = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    FixedTimeClient client = new FixedTimeClient(http, time);
    PrometheusMetricSource source = new PrometheusMetricSource(client, LOG.logger(), Map.of());

    MetricSnapshot snapshot = source.fetch(NODE_METRICS);

    assertThat(snapshot.errors()).isEmpty();
    assertThat(client.queries()).hasSize(NODE_METRICS.size());
    for (String metric : NODE_METRICS) {
      MetricResult result = snapshot.results().get(metric);
      Map<String, Double> direct = new HashMap<>();
      for (Sample sample : http.query(result.query(), time).samples()) {
        String node = NodeNameMapper.withoutPort(sample.labels().get("instance"));
        direct.merge(node, sample.value(), Math::min);
      }
      for (String node : System.getenv("TESTBED_NODE_LIST").split("\\s+")) {
        assertThat(result.value(node)).as("%s of %s", metric, node).hasValue(direct.get(node));
      }
    }
  }

  @Test
  void loadAndMemoryFollowTheNodeProfiles() throws Exception {
    PrometheusMetricSource source = new PrometheusMetricSource(http, LOG.logger(), Map.of());

    MetricSnapshot snapshot = source.fetch(Set.of(NodeMetrics.LOAD1, NodeMetrics.MEMORY_PERCENT));

    pairs("TESTBED_NODE_PROFILES")
        .forEach(
            (node, profile) -> {
              String[] parts = profile.split(":");
              assertThat(snapshot.value(NodeMetrics.MEMORY_PERCENT, node).getAsDouble())
                  .as("memory of %s", node)
                  .isCloseTo(Double.parseDouble(parts[1]), within(0.01));
              assertThat(snapshot.value(NodeMetrics.LOAD1, node).getAsDouble())
                  .as("load1 of %s", node)
                  .isCloseTo(Double.parseDouble(parts[2]), within(0.001));
            });
  }

  /**
   * Waits until Prometheus holds a full rate window of one minute, because rate() over a window
   * that is not yet filled is too low: the window, plus 15 s for the first scrape.
   */
  private static void awaitRateWindow() throws InterruptedException {
    String startedAt = System.getenv("TESTBED_PROMETHEUS_STARTED_AT");
    if (startedAt == null || startedAt.isBlank()) {
      return;
    }
    long waitSeconds = Long.parseLong(startedAt.strip()) + 75 - Instant.now().getEpochSecond();
    if (waitSeconds > 0) {
      Thread.sleep(waitSeconds * 1000);
    }
  }

  @Test
  void seededJobsEqualWhatTheCgroupExporterReports() throws Exception {
    awaitRateWindow();
    Map<String, String> exporters = pairs("TESTBED_CGROUP_EXPORTERS");
    List<String> jobs =
        List.of(
            System.getenv("SEED_TRAIN"), System.getenv("SEED_ANALYSIS"), System.getenv("SEED_GPU"));
    Map<String, Double> memoryBefore = exporterValues(exporters, "cgroup_memory_used_bytes");
    Map<String, Double> cpuBefore = exporterValues(exporters, "cgroup_cpu_total_seconds");
    long before = System.nanoTime();
    PrometheusMetricSource source = new PrometheusMetricSource(http, LOG.logger(), Map.of());

    MetricSnapshot snapshot =
        source.fetch(Set.of(JobMetrics.MEMORY_BYTES, JobMetrics.CPU_CORES, NodeMetrics.UP));
    Thread.sleep(10_000);
    Map<String, Double> memoryAfter = exporterValues(exporters, "cgroup_memory_used_bytes");
    Map<String, Double> cpuAfter = exporterValues(exporters, "cgroup_cpu_total_seconds");
    double seconds = (System.nanoTime() - before) / 1e9;

    assertThat(snapshot.errors()).isEmpty();
    for (String job : jobs) {
      double memory = snapshot.value(JobMetrics.MEMORY_BYTES, job).orElseThrow();
      double low = Math.min(memoryBefore.get(job), memoryAfter.get(job));
      double high = Math.max(memoryBefore.get(job), memoryAfter.get(job));
      // The exporter is read a few seconds apart from Prometheus's last scrape (every 5 s).
      assertThat(memory).as("memory of job %s", job).isBetween(low * 0.98, high * 1.02);
      double cores = (cpuAfter.get(job) - cpuBefore.get(job)) / seconds;
      assertThat(snapshot.value(JobMetrics.CPU_CORES, job).orElseThrow())
          .as("CPU cores of job %s", job)
          .isCloseTo(cores, within(0.05));
    }
    assertThat(snapshot.results().get(JobMetrics.MEMORY_BYTES).explanation().mapping())
        .startsWith("job id from the cgroup label");
  }

  /** Reads a metric from every node's cgroup exporter, by the job id in the cgroup path. */
  private static Map<String, Double> exporterValues(Map<String, String> exporters, String metric)
      throws IOException, InterruptedException {
    HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    Map<String, Double> values = new HashMap<>();
    for (String url : exporters.values()) {
      HttpResponse<String> response =
          client.send(
              HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).build(),
              HttpResponse.BodyHandlers.ofString());
      for (Line line : Exposition.parse(response.body())) {
        CgroupPaths.JobCgroup job = CgroupPaths.parse(line.labels().get("cgroup"));
        if (line.name().equals(metric) && job != null) {
          values.merge(job.jobId(), line.value(), Double::sum);
        }
      }
    }
    return values;
  }
}
