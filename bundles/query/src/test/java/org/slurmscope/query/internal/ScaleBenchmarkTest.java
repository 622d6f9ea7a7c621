package org.slurmscope.query.internal;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.slurmscope.api.metrics.GpuMetrics;
import org.slurmscope.api.metrics.JobMetrics;
import org.slurmscope.api.metrics.MetricSnapshot;
import org.slurmscope.api.metrics.NodeMetrics;
import org.slurmscope.prometheus.internal.ClientSettings;
import org.slurmscope.prometheus.internal.OkHttpPrometheusClient;

/**
 * Refresh time through the query engine against the sum of the raw query times, on a scale
 * Prometheus from {@code runtime/testbed/scale/make-scale-prometheus.sh}. Run by hand:
 *
 * <pre>
 * . /tmp/scale-1000/scale.env
 * mvn -o -pl bundles/query test -Dtest=ScaleBenchmarkTest \
 *     -Dslurmscope.benchmark.url=$SCALE_URL -Dslurmscope.benchmark.time=$SCALE_EVAL_TIME
 * </pre>
 *
 * The raw time of a query is a plain HTTP POST of the same PromQL whose body is read but not
 * decoded; the engine's time adds decoding, mapping to keys and recording the series.
 */
@EnabledIfSystemProperty(named = "slurmscope.benchmark.url", matches = ".+")
class ScaleBenchmarkTest {

  private static final int RUNS = 7;
  private static final TestLogger LOG = new TestLogger();

  /** What the node and job overlays request on each refresh. */
  private static final Set<String> OVERLAY_METRICS =
      Set.of(
          NodeMetrics.CPU_PERCENT,
          NodeMetrics.MEMORY_PERCENT,
          NodeMetrics.LOAD1,
          NodeMetrics.UP,
          JobMetrics.CPU_CORES,
          JobMetrics.MEMORY_BYTES,
          JobMetrics.MEMORY_PEAK_BYTES,
          JobMetrics.GPU_UTILIZATION_PERCENT,
          GpuMetrics.UTILIZATION_PERCENT);

  @Test
  void refreshAgainstRawQueries() throws Exception {
    String url = System.getProperty("slurmscope.benchmark.url");
    Instant time =
        Instant.ofEpochSecond(Long.parseLong(System.getProperty("slurmscope.benchmark.time")));
    try (OkHttpPrometheusClient http =
        new OkHttpPrometheusClient(ClientSettings.of(url, 2000, 60000, 120000), LOG.logger())) {
      report("overlay metrics", url, time, http, OVERLAY_METRICS);
      report(
          "every metric", url, time, http, new TreeSet<>(QuerySettings.from(Map.of()).metrics()));
    }
  }

  private static void report(
      String name, String url, Instant time, OkHttpPrometheusClient http, Set<String> metrics)
      throws Exception {
    FixedTimeClient client = new FixedTimeClient(http, time);
    PrometheusMetricSource source = new PrometheusMetricSource(client, LOG.logger(), Map.of());
    MetricSnapshot warm = source.fetch(metrics);
    client.clear();

    List<Double> refresh = new ArrayList<>();
    List<Double> raw = new ArrayList<>();
    List<Double> clientTimes = new ArrayList<>();
    for (int run = 0; run < RUNS; run++) {
      long start = System.nanoTime();
      MetricSnapshot snapshot = source.fetch(metrics);
      refresh.add((System.nanoTime() - start) / 1e9);
      List<String> queries = client.queries();
      clientTimes.add(client.nanos().stream().mapToLong(Long::longValue).sum() / 1e9);
      raw.add(rawSeconds(url, time, queries));
      client.clear();
      if (!snapshot.errors().isEmpty()) {
        throw new AssertionError("benchmark queries failed: " + snapshot.errors());
      }
    }
    long keys = warm.results().values().stream().mapToLong(r -> r.values().size()).sum();
    System.out.printf(
        Locale.ROOT,
        "%s: %d metrics, %d queries, %d keys; refresh median %.3f s, raw sum median %.3f s,"
            + " ratio %.2f; client sum median %.3f s%n",
        name,
        metrics.size(),
        metrics.size(),
        keys,
        median(refresh),
        median(raw),
        median(refresh) / median(raw),
        median(clientTimes));
  }

  private static double rawSeconds(String url, Instant time, List<String> queries)
      throws Exception {
    HttpClient http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2))
            .build();
    double total = 0;
    for (String promql : queries) {
      String form =
          "query="
              + URLEncoder.encode(promql, StandardCharsets.UTF_8)
              + "&time="
              + time.getEpochSecond();
      HttpRequest request =
          HttpRequest.newBuilder(URI.create(url + "/api/v1/query"))
              .header("Content-Type", "application/x-www-form-urlencoded")
              .POST(HttpRequest.BodyPublishers.ofString(form))
              .build();
      long start = System.nanoTime();
      HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
      total += (System.nanoTime() - start) / 1e9;
      if (response.statusCode() != 200) {
        throw new AssertionError(promql + " returned HTTP " + response.statusCode());
      }
    }
    return total;
  }

  private static double median(List<Double> values) {
    List<Double> sorted = new ArrayList<>(values);
    sorted.sort(null);
    return sorted.get(sorted.size() / 2);
  }
}
