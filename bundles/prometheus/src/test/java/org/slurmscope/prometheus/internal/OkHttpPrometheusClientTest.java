package org.slurmscope.prometheus.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slurmscope.api.prometheus.Alert;
import org.slurmscope.api.prometheus.BuildInfo;
import org.slurmscope.api.prometheus.LabelValuesResult;
import org.slurmscope.api.prometheus.PrometheusException;
import org.slurmscope.api.prometheus.QueryOptions;
import org.slurmscope.api.prometheus.QueryResult;
import org.slurmscope.api.prometheus.Sample;
import org.slurmscope.api.prometheus.SeriesResult;

class OkHttpPrometheusClientTest {

  private static final String CPU_QUERY =
      "100 * (1 - avg by (instance) (rate(node_cpu_seconds_total{mode=\"idle\"}[1m])))";

  private final TestLogger log = new TestLogger();
  private MockWebServer server;
  private OkHttpPrometheusClient client;

  @BeforeEach
  void startServer() throws IOException {
    server = new MockWebServer();
    server.start(InetAddress.getLoopbackAddress(), 0);
    client = clientFor(server.url("/").toString(), 10000);
  }

  @AfterEach
  void stopServer() throws IOException {
    client.close();
    server.shutdown();
  }

  /**
   * Returns a client that sends each request once: retries have their own tests, and here a retried
   * 502 or 503 would wait for a response that was never enqueued.
   */
  private OkHttpPrometheusClient clientFor(String url, int readTimeoutMillis) {
    return Clients.client(
        Clients.settings(
            url, Map.of("readTimeoutMillis", readTimeoutMillis, "retryMaxAttempts", 1)),
        log);
  }

  private static MockResponse json(int status, String body) {
    return new MockResponse()
        .setResponseCode(status)
        .setHeader("Content-Type", "application/json")
        .setBody(body);
  }

  private static MockResponse vector(String... elements) {
    return json(
        200,
        "{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":["
            + String.join(",", elements)
            + "]}}");
  }

  private static String element(String instance, String value) {
    return "{\"metric\":{\"instance\":\""
        + instance
        + "\"},\"value\":[1796413438.075,\""
        + value
        + "\"]}";
  }

  private static PrometheusException queryFailure(OkHttpPrometheusClient target) {
    try {
      target.query("up", null);
    } catch (PrometheusException e) {
      return e;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
    throw new AssertionError("the query did not fail");
  }

  // --- Requests

  @Test
  void queryIsFormEncodedPostToQueryEndpoint() throws Exception {
    server.enqueue(vector(element("node01:9100", "35.99")));

    client.query(CPU_QUERY, null);

    RecordedRequest request = server.takeRequest(5, TimeUnit.SECONDS);
    assertThat(request.getMethod()).isEqualTo("POST");
    assertThat(request.getPath()).isEqualTo("/api/v1/query");
    assertThat(request.getHeader("Content-Type")).startsWith("application/x-www-form-urlencoded");
    String form = request.getBody().readUtf8();
    assertThat(form).startsWith("query=").doesNotContain("&");
    assertThat(URLDecoder.decode(form.substring("query=".length()), StandardCharsets.UTF_8))
        .isEqualTo(CPU_QUERY);
  }

  @Test
  void evaluationTimeIsSentAsUnixSeconds() throws Exception {
    server.enqueue(vector());

    client.query("up", Instant.ofEpochSecond(1796413438, 75_000_000));

    RecordedRequest request = server.takeRequest(5, TimeUnit.SECONDS);
    assertThat(request.getBody().readUtf8()).isEqualTo("query=up&time=1796413438.075");
  }

  @Test
  void pathPrefixOfTheUrlIsKept() throws Exception {
    OkHttpPrometheusClient prefixed = clientFor(server.url("/prometheus/").toString(), 10000);
    server.enqueue(vector());

    prefixed.query("up", null);
    prefixed.close();

    assertThat(server.takeRequest(5, TimeUnit.SECONDS).getPath())
        .isEqualTo("/prometheus/api/v1/query");
  }

  @Test
  void methodNotAllowedFallsBackToGet() throws Exception {
    server.enqueue(new MockResponse().setResponseCode(405).setBody("Method Not Allowed"));
    server.enqueue(vector(element("node01:9100", "0.85")));

    QueryResult result = client.query("node_load1", Instant.ofEpochSecond(1796413438));

    RecordedRequest post = server.takeRequest(5, TimeUnit.SECONDS);
    RecordedRequest get = server.takeRequest(5, TimeUnit.SECONDS);
    assertThat(post.getMethod()).isEqualTo("POST");
    assertThat(get.getMethod()).isEqualTo("GET");
    assertThat(get.getPath()).isEqualTo("/api/v1/query?query=node_load1&time=1796413438");
    assertThat(result.samples()).extracting(Sample::value).containsExactly(0.85);
    assertThat(log.messages())
        .anyMatch(message -> message.startsWith("INFO") && message.contains("405"));
  }

  @Test
  void laterQueriesSkipTheRejectedPost() throws Exception {
    server.enqueue(new MockResponse().setResponseCode(405));
    server.enqueue(vector());
    server.enqueue(vector());
    client.query("up", null);

    client.query("up", null);

    assertThat(server.getRequestCount()).isEqualTo(3);
    server.takeRequest(5, TimeUnit.SECONDS);
    server.takeRequest(5, TimeUnit.SECONDS);
    assertThat(server.takeRequest(5, TimeUnit.SECONDS).getMethod()).isEqualTo("GET");
  }

  @Test
  void queryOptionsArePassedThrough() throws Exception {
    server.enqueue(vector());

    client.query("up", null, QueryOptions.NONE.withTimeout(Duration.ofMillis(2500)).withLimit(10));

    assertThat(server.takeRequest(5, TimeUnit.SECONDS).getBody().readUtf8())
        .isEqualTo("query=up&timeout=2.5&limit=10");
  }

  @Test
  void rangeQueryIsFormPostWithStartEndAndStep() throws Exception {
    server.enqueue(json(200, Fixtures.text("testbed/query_range-node-cpu-busy-percent.json")));

    QueryResult result =
        client.queryRange(
            CPU_QUERY,
            Instant.ofEpochSecond(1796413348),
            Instant.ofEpochSecond(1796413438),
            Duration.ofSeconds(15),
            QueryOptions.NONE);

    RecordedRequest request = server.takeRequest(5, TimeUnit.SECONDS);
    assertThat(request.getMethod()).isEqualTo("POST");
    assertThat(request.getPath()).isEqualTo("/api/v1/query_range");
    assertThat(request.getBody().readUtf8()).endsWith("&start=1796413348&end=1796413438&step=15");
    assertThat(result.resultType()).isEqualTo("matrix");
    assertThat(result.series()).hasSize(5);
    assertThat(result.series().get(0).points()).hasSize(7);
  }

  @Test
  void rangeQueryWithEndBeforeStartIsRejected() {
    Instant start = Instant.ofEpochSecond(1796413438);

    assertThatThrownBy(
            () ->
                client.queryRange(
                    "up", start, start.minusSeconds(1), Duration.ofSeconds(15), QueryOptions.NONE))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("is before its start");
    assertThat(server.getRequestCount()).isZero();
  }

  @Test
  void seriesIsFormPostWithEachMatcher() throws Exception {
    server.enqueue(
        json(
            200,
            "{\"status\":\"success\",\"data\":[{\"__name__\":\"up\",\"instance\":\"node01:9100\","
                + "\"job\":\"node\"}]}"));

    SeriesResult result =
        client.series(
            List.of("up", "node_load1{job=\"node\"}"), Instant.ofEpochSecond(1796413000), null, 5);

    RecordedRequest request = server.takeRequest(5, TimeUnit.SECONDS);
    assertThat(request.getMethod()).isEqualTo("POST");
    assertThat(request.getPath()).isEqualTo("/api/v1/series");
    assertThat(URLDecoder.decode(request.getBody().readUtf8(), StandardCharsets.UTF_8))
        .isEqualTo("match[]=up&match[]=node_load1{job=\"node\"}&start=1796413000&limit=5");
    assertThat(result.series())
        .containsExactly(Map.of("__name__", "up", "instance", "node01:9100", "job", "node"));
  }

  @Test
  void labelValuesIsGetBecauseTheApiHasNoPost() throws Exception {
    server.enqueue(
        json(200, "{\"status\":\"success\",\"data\":[\"node01:9100\",\"node02:9100\"]}"));

    LabelValuesResult result = client.labelValues("instance", List.of("up"), null, null, 3);

    RecordedRequest request = server.takeRequest(5, TimeUnit.SECONDS);
    assertThat(request.getMethod()).isEqualTo("GET");
    assertThat(request.getPath()).isEqualTo("/api/v1/label/instance/values?match%5B%5D=up&limit=3");
    assertThat(result.values()).containsExactly("node01:9100", "node02:9100");
  }

  @Test
  void labelNameOutsidePrometheusSyntaxIsRejected() {
    assertThatThrownBy(() -> client.labelValues("../admin", List.of(), null, null, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("is not a label name");
    assertThat(server.getRequestCount()).isZero();
  }

  @Test
  void alertsAreDecoded() throws Exception {
    // The example response of GET /api/v1/alerts in the Prometheus API documentation.
    server.enqueue(
        json(
            200,
            "{\"data\":{\"alerts\":[{\"activeAt\":\"2018-07-04T20:27:12.60602144+02:00\","
                + "\"annotations\":{},\"labels\":{\"alertname\":\"my-alert\"},"
                + "\"state\":\"firing\",\"value\":\"1e+00\"}]},\"status\":\"success\"}"));

    List<Alert> alerts = client.alerts();

    assertThat(server.takeRequest(5, TimeUnit.SECONDS).getPath()).isEqualTo("/api/v1/alerts");
    assertThat(alerts).hasSize(1);
    assertThat(alerts.get(0).labels()).isEqualTo(Map.of("alertname", "my-alert"));
    assertThat(alerts.get(0).state()).isEqualTo("firing");
    assertThat(alerts.get(0).activeAt()).isEqualTo(Instant.parse("2018-07-04T18:27:12.60602144Z"));
    assertThat(alerts.get(0).value()).isEqualTo(1.0);
  }

  @Test
  void buildInfoIsRead() throws Exception {
    server.enqueue(
        json(
            200,
            "{\"status\":\"success\",\"data\":{\"version\":\"2.42.0+ds\",\"revision\":"
                + "\"2.42.0+ds-5+deb12u1\",\"branch\":\"debian/sid\",\"buildUser\":\"team\","
                + "\"buildDate\":\"20260604-00:58:54\",\"goVersion\":\"go1.19.8\"}}"));

    BuildInfo info = client.buildInfo();

    assertThat(server.takeRequest(5, TimeUnit.SECONDS).getPath())
        .isEqualTo("/api/v1/status/buildinfo");
    assertThat(info)
        .isEqualTo(new BuildInfo("2.42.0+ds", "2.42.0+ds-5+deb12u1", "debian/sid", "go1.19.8"));
  }

  @Test
  void readinessFollowsTheStatus() throws Exception {
    server.enqueue(new MockResponse().setBody("Prometheus Server is Ready.\n"));
    server.enqueue(new MockResponse().setResponseCode(503).setBody("Service Unavailable"));

    boolean ready = client.ready();
    boolean starting = client.ready();

    assertThat(ready).isTrue();
    assertThat(starting).isFalse();
    assertThat(server.takeRequest(5, TimeUnit.SECONDS).getPath()).isEqualTo("/-/ready");
    assertThat(server.getRequestCount()).isEqualTo(2);
  }

  @Test
  void readinessOnServerWithoutTheEndpointIsHttpError() {
    server.enqueue(new MockResponse().setResponseCode(404).setBody("404 page not found"));

    assertThatThrownBy(() -> client.ready())
        .isInstanceOf(PrometheusException.class)
        .hasMessageContaining("returned HTTP 404 to a readiness check")
        .hasMessageEndingWith(": 404 page not found");
  }

  @Test
  void getFallbackIsRememberedPerEndpoint() throws Exception {
    server.enqueue(new MockResponse().setResponseCode(405));
    server.enqueue(json(200, "{\"status\":\"success\",\"data\":[]}"));
    server.enqueue(vector());
    client.series(List.of("up"), null, null, 0);

    client.query("up", null);

    server.takeRequest(5, TimeUnit.SECONDS);
    assertThat(server.takeRequest(5, TimeUnit.SECONDS).getMethod()).isEqualTo("GET");
    assertThat(server.takeRequest(5, TimeUnit.SECONDS).getMethod()).isEqualTo("POST");
  }

  // --- Successful responses

  @Test
  void vectorBecomesOneSamplePerSeries() throws Exception {
    server.enqueue(json(200, Fixtures.text("testbed/query-node-cpu-busy-percent.json")));

    QueryResult result = client.query(CPU_QUERY, null);

    assertThat(result.resultType()).isEqualTo("vector");
    assertThat(result.samples()).hasSize(5);
    assertThat(result.samples().get(0).labels()).containsEntry("instance", "node01:9100");
    assertThat(result.samples().get(0).value()).isEqualTo(35.99090909090923);
    assertThat(result.warnings()).isEmpty();
  }

  @Test
  void scalarIsOneSample() throws Exception {
    server.enqueue(
        json(
            200,
            "{\"status\":\"success\",\"data\":{\"resultType\":\"scalar\",\"result\":[1796413438.075,\"42\"]}}"));

    QueryResult result = client.query("scalar(count(up))", null);

    assertThat(result.resultType()).isEqualTo("scalar");
    assertThat(result.samples()).extracting(Sample::value).containsExactly(42.0);
  }

  @Test
  void specialValuesAreParsedNeverZero() throws Exception {
    server.enqueue(
        vector(element("a:9100", "NaN"), element("b:9100", "+Inf"), element("c:9100", "-Inf")));

    QueryResult result = client.query("x", null);

    assertThat(result.samples().get(0).value()).isNaN();
    assertThat(result.samples().get(1).value()).isEqualTo(Double.POSITIVE_INFINITY);
    assertThat(result.samples().get(2).value()).isEqualTo(Double.NEGATIVE_INFINITY);
  }

  @Test
  void warningsAreKeptWithTheData() throws Exception {
    server.enqueue(
        json(
            200,
            "{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":["
                + element("node01:9100", "1")
                + "]},\"warnings\":[\"partial response: store b is down\"],"
                + "\"infos\":[\"PromQL info: metric might not be a counter\"]}"));

    QueryResult result = client.query("x", null);

    assertThat(result.samples()).hasSize(1);
    assertThat(result.warnings()).containsExactly("partial response: store b is down");
  }

  @Test
  void rangeSelectorGivesMatrixWithSeries() throws Exception {
    server.enqueue(json(200, Fixtures.text("testbed/query_range-node-cpu-busy-percent.json")));

    QueryResult result = client.query("node_load1[2m]", null);

    assertThat(result.resultType()).isEqualTo("matrix");
    assertThat(result.samples()).isEmpty();
    assertThat(result.series()).hasSize(5);
  }

  // --- Error responses

  @Test
  void badDataBecomesExceptionWithPrometheusText() {
    server.enqueue(json(400, Fixtures.text("testbed/query-error-bad-syntax.json")));

    PrometheusException failure = queryFailure(client);

    assertThat(failure.errorType()).isEqualTo("bad_data");
    assertThat(failure.getMessage())
        .isEqualTo(
            "Prometheus at "
                + server.url("/api/v1/query")
                + " returned HTTP 400, bad_data: invalid parameter \"query\": 1:32: parse error:"
                + " unclosed left parenthesis");
  }

  @Test
  void executionErrorKeepsStatusAndType() {
    server.enqueue(json(422, Fixtures.text("testbed/query-error-execution-many-to-one.json")));

    PrometheusException failure = queryFailure(client);

    assertThat(failure.errorType()).isEqualTo("execution");
    assertThat(failure.getMessage())
        .endsWith(
            "returned HTTP 422, execution: multiple matches for labels: many-to-one matching must"
                + " be explicit (group_left/group_right)");
  }

  @Test
  void serverTimeoutKeepsStatusAndType() {
    server.enqueue(
        json(
            503,
            "{\"status\":\"error\",\"errorType\":\"timeout\",\"error\":\"query timed out in"
                + " expression evaluation\"}"));

    PrometheusException failure = queryFailure(client);

    assertThat(failure.errorType()).isEqualTo("timeout");
    assertThat(failure.getMessage())
        .endsWith("returned HTTP 503, timeout: query timed out in expression evaluation");
  }

  @Test
  void proxyPageBecomesHttpErrorWithItsStart() {
    String page = "<html><head><title>502 Bad Gateway</title></head><body>" + "-".repeat(300);
    server.enqueue(
        new MockResponse()
            .setResponseCode(502)
            .setHeader("Content-Type", "text/html")
            .setBody(page));

    PrometheusException failure = queryFailure(client);

    assertThat(failure.errorType()).isEqualTo("http");
    assertThat(failure.getMessage())
        .contains("returned HTTP 502 with a body that is not a Prometheus API response")
        .contains("check url in org.slurmscope.prometheus")
        .endsWith(": " + page.substring(0, 200) + "...");
  }

  // --- Transport failures

  @Test
  void interruptedCallerGetsInterruptedException() {
    server.enqueue(vector().setHeadersDelay(3, TimeUnit.SECONDS));
    Thread.currentThread().interrupt();

    try {
      assertThatThrownBy(() -> client.query("up", null)).isInstanceOf(InterruptedException.class);
    } finally {
      Thread.interrupted();
    }
  }

  @Test
  void responsesAreReleasedToThePool() throws Exception {
    server.enqueue(vector());
    server.enqueue(json(400, Fixtures.text("testbed/query-error-bad-syntax.json")));
    server.enqueue(new MockResponse().setResponseCode(502).setBody("bad gateway"));

    client.query("up", null);
    queryFailure(client);
    queryFailure(client);

    assertThat(client.connectionCount()).isEqualTo(1);
    assertThat(client.idleConnectionCount()).isEqualTo(1);
  }

  @Test
  void closedClientRejectsNewQueries() {
    client.close();

    PrometheusException failure = queryFailure(client);

    assertThat(failure.errorType()).isEqualTo("connection");
  }
}
