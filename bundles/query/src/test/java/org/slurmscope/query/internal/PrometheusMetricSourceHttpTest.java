package org.slurmscope.query.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.slurmscope.api.metrics.MetricResult;
import org.slurmscope.api.metrics.MetricSnapshot;
import org.slurmscope.api.metrics.MetricSourceException;
import org.slurmscope.api.metrics.NodeMetrics;
import org.slurmscope.prometheus.internal.ClientSettings;
import org.slurmscope.prometheus.internal.OkHttpPrometheusClient;

/** The metric source over the real HTTP client, against recorded Prometheus responses. */
class PrometheusMetricSourceHttpTest {

  private static final Set<String> NODE_METRICS =
      Set.of(NodeMetrics.CPU_PERCENT, NodeMetrics.MEMORY_PERCENT, NodeMetrics.LOAD1);

  private final TestLogger log = new TestLogger();
  private MockWebServer server;
  private OkHttpPrometheusClient client;

  @BeforeEach
  void startServer() throws IOException {
    server = new MockWebServer();
    server.start(InetAddress.getLoopbackAddress(), 0);
    client = clientFor(server.url("/").toString());
  }

  @AfterEach
  void stopServer() throws IOException {
    client.close();
    server.shutdown();
  }

  private OkHttpPrometheusClient clientFor(String url) {
    return new OkHttpPrometheusClient(ClientSettings.of(url, 2000, 10000, 15000), log.logger());
  }

  private PrometheusMetricSource source(Map<String, Object> values) {
    return new PrometheusMetricSource(client, log.logger(), values);
  }

  /** Serves a body chosen by the PromQL of each request. */
  private void serve(Function<String, String> bodyForQuery) {
    server.setDispatcher(
        new Dispatcher() {
          @Override
          public MockResponse dispatch(RecordedRequest request) {
            String form = request.getBody().readUtf8();
            String promql =
                URLDecoder.decode(form.substring("query=".length()), StandardCharsets.UTF_8);
            return new MockResponse()
                .setHeader("Content-Type", "application/json")
                .setBody(bodyForQuery.apply(promql));
          }
        });
  }

  private static String fixture(String name) {
    try (InputStream in = PrometheusMetricSourceHttpTest.class.getResourceAsStream("/" + name)) {
      if (in == null) {
        throw new IllegalArgumentException("test resource not found: " + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Returns the recorded testbed response for the default query of each node metric. */
  private static String recordedResponse(String promql) {
    if (promql.contains("node_cpu_seconds_total")) {
      return fixture("testbed/query-node-cpu-busy-percent.json");
    }
    if (promql.contains("node_memory_MemAvailable_bytes")) {
      return fixture("testbed/query-node-memory.json");
    }
    return fixture("testbed/query-node-load1.json");
  }

  private static String vectorOfNodes(int count, String value) {
    StringBuilder body =
        new StringBuilder(
            "{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":[");
    for (int i = 1; i <= count; i++) {
      if (i > 1) {
        body.append(',');
      }
      body.append("{\"metric\":{\"instance\":\"cn")
          .append(i)
          .append(".cluster.example.org:9100\"},\"value\":[1796413438.075,\"")
          .append(value)
          .append("\"]}");
    }
    return body.append("]}}").toString();
  }

  @Test
  void recordedResponsesMapToTestbedNodes() throws Exception {
    serve(PrometheusMetricSourceHttpTest::recordedResponse);

    MetricSnapshot snapshot = source(Map.of()).fetch(NODE_METRICS);

    assertThat(server.getRequestCount()).isEqualTo(3);
    assertThat(snapshot.errors()).isEmpty();
    MetricResult cpu = snapshot.results().get(NodeMetrics.CPU_PERCENT);
    assertThat(cpu.values()).containsOnlyKeys("node01", "node02", "node03", "node04", "node05");
    assertThat(cpu.value("node01")).hasValue(35.99090909090923);
    assertThat(cpu.value("node05")).hasValue(36.009090909090816);
    assertThat(cpu.value("node06")).isEmpty();
    assertThat(snapshot.value(NodeMetrics.MEMORY_PERCENT, "node02")).hasValue(0.9663234887087041);
    assertThat(snapshot.value(NodeMetrics.LOAD1, "node02")).hasValue(0.78);
    assertThat(cpu.warnings()).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(ints = {10, 10_000})
  void oneRequestPerMetricWhateverTheNodeCount(int nodes) throws Exception {
    String body = vectorOfNodes(nodes, "12.5");
    serve(promql -> body);

    MetricSnapshot snapshot = source(Map.of("domainMode", "short")).fetch(NODE_METRICS);

    assertThat(server.getRequestCount()).isEqualTo(3);
    assertThat(snapshot.results().get(NodeMetrics.LOAD1).values()).hasSize(nodes);
    assertThat(snapshot.value(NodeMetrics.CPU_PERCENT, "cn" + nodes)).hasValue(12.5);
  }

  @Test
  void twoPortsOfOneHostWarn() throws Exception {
    // The "up" example of the Prometheus API documentation has localhost:9090 and localhost:9100.
    serve(promql -> fixture("prometheus-api/prometheus-docs_instant-vector-example.json"));

    MetricSnapshot snapshot = source(Map.of()).fetch(Set.of(NodeMetrics.LOAD1));

    MetricResult load = snapshot.results().get(NodeMetrics.LOAD1);
    assertThat(load.values()).isEqualTo(Map.of("localhost", 1.0));
    assertThat(load.warnings())
        .containsExactly(
            "series instance=\"localhost:9090\" and instance=\"localhost:9100\" both map to node"
                + " localhost: kept the first");
  }

  @Test
  void recordedSyntaxErrorFailsOnlyItsMetric() throws Exception {
    server.setDispatcher(
        new Dispatcher() {
          @Override
          public MockResponse dispatch(RecordedRequest request) {
            String form = request.getBody().readUtf8();
            if (form.contains("node_load1")) {
              return new MockResponse()
                  .setResponseCode(400)
                  .setBody(fixture("testbed/query-error-bad-syntax.json"));
            }
            return new MockResponse().setBody(fixture("testbed/query-node-memory.json"));
          }
        });

    MetricSnapshot snapshot = source(Map.of()).fetch(NODE_METRICS);

    assertThat(snapshot.errors()).containsOnlyKeys(NodeMetrics.LOAD1);
    assertThat(snapshot.errors().get(NodeMetrics.LOAD1))
        .startsWith("nodeLoad1Query in org.slurmscope.query failed: Prometheus at ")
        .endsWith(
            "returned HTTP 400, bad_data: invalid parameter \"query\": 1:32: parse error:"
                + " unclosed left parenthesis");
    assertThat(snapshot.results())
        .containsOnlyKeys(NodeMetrics.CPU_PERCENT, NodeMetrics.MEMORY_PERCENT);
  }

  @Test
  void prometheusDownFailsTheSource() throws IOException {
    int freePort;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      freePort = socket.getLocalPort();
    }
    client.close();
    client = clientFor("http://127.0.0.1:" + freePort);

    assertThatThrownBy(() -> source(Map.of()).fetch(NODE_METRICS))
        .isInstanceOf(MetricSourceException.class)
        .hasMessageStartingWith("Prometheus at http://127.0.0.1:" + freePort + " is not reachable")
        .hasMessageEndingWith(
            "check url in org.slurmscope.prometheus and that the server is running");
  }
}
