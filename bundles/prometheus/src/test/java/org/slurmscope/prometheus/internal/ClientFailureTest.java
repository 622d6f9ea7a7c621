package org.slurmscope.prometheus.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import okhttp3.mockwebserver.SocketPolicy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slurmscope.api.prometheus.PrometheusException;
import org.slurmscope.api.prometheus.QueryResult;

/**
 * Each failure a Prometheus server or the network can produce, injected with MockWebServer, and
 * what the caller then gets.
 */
class ClientFailureTest {

  private static final String UNAVAILABLE =
      "{\"status\":\"error\",\"errorType\":\"unavailable\",\"error\":\"TSDB not ready\"}";

  private final TestLogger log = new TestLogger();
  private final List<OkHttpPrometheusClient> clients = new ArrayList<>();
  private MockWebServer server;

  @BeforeEach
  void startServer() throws IOException {
    server = new MockWebServer();
    server.start(InetAddress.getLoopbackAddress(), 0);
  }

  @AfterEach
  void stop() throws IOException {
    clients.forEach(OkHttpPrometheusClient::close);
    server.shutdown();
  }

  private OkHttpPrometheusClient client(Map<String, Object> values) {
    return client(server.url("/").toString(), values);
  }

  private OkHttpPrometheusClient client(String url, Map<String, Object> values) {
    Map<String, Object> all = new HashMap<>(Clients.FAST_RETRIES);
    all.putAll(values);
    OkHttpPrometheusClient client = Clients.client(Clients.settings(url, all), log);
    clients.add(client);
    return client;
  }

  private OkHttpPrometheusClient clientWithClock(Map<String, Object> values, AtomicLong clock) {
    Map<String, Object> all = new HashMap<>(Clients.FAST_RETRIES);
    all.putAll(values);
    OkHttpPrometheusClient client =
        Clients.client(Clients.settings(server.url("/").toString(), all), log, clock::get);
    clients.add(client);
    return client;
  }

  private static MockResponse json(int status, String body) {
    return new MockResponse()
        .setResponseCode(status)
        .setHeader("Content-Type", "application/json")
        .setBody(body);
  }

  private static MockResponse vector() {
    return json(
        200,
        "{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":["
            + "{\"metric\":{\"instance\":\"node01:9100\"},\"value\":[1796413438.075,\"0.5\"]}]}}");
  }

  private static PrometheusException failure(OkHttpPrometheusClient client) {
    try {
      client.query("up", null);
    } catch (PrometheusException e) {
      return e;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
    throw new AssertionError("the query did not fail");
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  // --- Retries

  @Test
  void unavailableThenSuccessReturnsTheData() throws Exception {
    server.enqueue(json(503, UNAVAILABLE));
    server.enqueue(vector());

    QueryResult result = client(Map.of()).query("up", null);

    assertThat(result.samples()).hasSize(1);
    assertThat(server.getRequestCount()).isEqualTo(2);
  }

  @Test
  void unavailableOnEveryAttemptKeepsPrometheusText() {
    for (int i = 0; i < 3; i++) {
      server.enqueue(json(503, UNAVAILABLE));
    }

    PrometheusException failure = failure(client(Map.of()));

    assertThat(failure.errorType()).isEqualTo("unavailable");
    assertThat(failure.getMessage())
        .isEqualTo(
            "Prometheus at "
                + server.url("/api/v1/query")
                + " returned HTTP 503, unavailable: TSDB not ready (tried 3 times)");
    assertThat(server.getRequestCount()).isEqualTo(3);
  }

  @Test
  void executionErrorIsNotRetried() {
    server.enqueue(json(422, Fixtures.text("testbed/query-error-execution-many-to-one.json")));
    server.enqueue(vector());

    PrometheusException failure = failure(client(Map.of()));

    assertThat(failure.errorType()).isEqualTo("execution");
    assertThat(failure.getMessage())
        .isEqualTo(
            "Prometheus at "
                + server.url("/api/v1/query")
                + " returned HTTP 422, execution: multiple matches for labels: many-to-one"
                + " matching must be explicit (group_left/group_right)");
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void badDataIsNotRetried() {
    server.enqueue(json(400, Fixtures.text("testbed/query-error-bad-syntax.json")));
    server.enqueue(vector());

    PrometheusException failure = failure(client(Map.of()));

    assertThat(failure.errorType()).isEqualTo("bad_data");
    assertThat(failure.getMessage())
        .endsWith(
            "returned HTTP 400, bad_data: invalid parameter \"query\": 1:32: parse error:"
                + " unclosed left parenthesis");
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void retryAfterLongerThanMaxBackoffIsRespected() {
    server.enqueue(json(503, UNAVAILABLE).setHeader("Retry-After", "120"));
    server.enqueue(vector());

    PrometheusException failure = failure(client(Map.of()));

    assertThat(failure.errorType()).isEqualTo("unavailable");
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void gatewayErrorFromProxyIsRetried() throws Exception {
    server.enqueue(new MockResponse().setResponseCode(502).setBody("<html>Bad Gateway</html>"));
    server.enqueue(vector());

    QueryResult result = client(Map.of()).query("up", null);

    assertThat(result.samples()).hasSize(1);
    assertThat(server.getRequestCount()).isEqualTo(2);
  }

  // --- Transport failures

  @Test
  void slowAnswerTimesOutOnEveryAttempt() {
    server.enqueue(vector().setHeadersDelay(2, TimeUnit.SECONDS));
    server.enqueue(vector().setHeadersDelay(2, TimeUnit.SECONDS));
    OkHttpPrometheusClient client = client(Map.of("readTimeoutMillis", 200, "retryMaxAttempts", 2));

    long start = System.nanoTime();
    PrometheusException failure = failure(client);
    long elapsedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

    assertThat(failure.errorType()).isEqualTo("connection");
    assertThat(failure.getMessage())
        .startsWith("Request to Prometheus at " + client.baseUrl() + " timed out (")
        .contains("tried 2 times")
        .contains("readTimeoutMillis=200")
        .endsWith("or raise the timeouts for slow queries");
    assertThat(server.getRequestCount()).isEqualTo(2);
    assertThat(elapsedMillis).isBetween(350L, 1900L);
  }

  @Test
  void refusedConnectionIsRetriedThenNamesUrlAndFix() throws IOException {
    String url = "http://127.0.0.1:" + freePort();

    PrometheusException failure = failure(client(url, Map.of()));

    assertThat(failure.errorType()).isEqualTo("connection");
    assertThat(failure.getMessage())
        .startsWith("Prometheus at " + url + " is not reachable (")
        .contains("; tried 3 times)")
        .endsWith("): check url in org.slurmscope.prometheus and that the server is running");
  }

  @Test
  void unknownHostIsNotRetried() {
    OkHttpPrometheusClient client = client("http://prometheus.invalid:9090", Map.of());

    PrometheusException failure = failure(client);

    assertThat(failure.errorType()).isEqualTo("connection");
    assertThat(failure.getMessage()).doesNotContain("tried");
  }

  @Test
  void connectionDroppedMidAnswerIsRetried() throws Exception {
    server.enqueue(vector().setSocketPolicy(SocketPolicy.DISCONNECT_DURING_RESPONSE_BODY));
    server.enqueue(vector());

    QueryResult result = client(Map.of()).query("up", null);

    assertThat(result.samples()).hasSize(1);
    assertThat(server.getRequestCount()).isEqualTo(2);
  }

  // --- Bodies that are not data

  @Test
  void malformedJsonIsDecodeError() {
    server.enqueue(json(200, "{\"status\":\"success\",\"data\":{\"resultType\":\"vec"));

    PrometheusException failure = failure(client(Map.of()));

    assertThat(failure.errorType()).isEqualTo("decode");
    assertThat(failure.getMessage())
        .contains("returned HTTP 200 with a body that is not a Prometheus API response")
        .endsWith(": {\"status\":\"success\",\"data\":{\"resultType\":\"vec");
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void hugeAnswerIsRejectedNotRetried() {
    server.enqueue(json(200, "{\"status\":\"success\",\"data\":[\"" + "x".repeat(5000) + "\"]}"));
    server.enqueue(vector());

    PrometheusException failure = failure(client(Map.of("maxResponseBytes", 1024)));

    assertThat(failure.errorType()).isEqualTo("decode");
    assertThat(failure.getMessage())
        .contains("returned a response body larger than maxResponseBytes=1024")
        .contains("aggregate the query");
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void warningsMarkTheDataPartial() throws Exception {
    server.enqueue(
        json(
            200,
            "{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":["
                + "{\"metric\":{\"instance\":\"node01:9100\"},\"value\":[1,\"3\"]}]},"
                + "\"warnings\":[\"partial response due to store b down\"]}"));

    QueryResult result = client(Map.of()).query("up", null);

    assertThat(result.samples()).hasSize(1);
    assertThat(result.partial()).isTrue();
    assertThat(result.warnings()).containsExactly("partial response due to store b down");
  }

  @Test
  void redirectIsNotFollowed() {
    server.enqueue(
        new MockResponse()
            .setResponseCode(302)
            .setHeader("Location", "https://sso.example.org/login"));

    PrometheusException failure = failure(client(Map.of()));

    assertThat(failure.errorType()).isEqualTo("http");
    assertThat(failure.getMessage())
        .contains("returned HTTP 302, a redirect to https://sso.example.org/login")
        .endsWith("set url in org.slurmscope.prometheus to the address the server redirects to");
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  // --- Circuit breaker

  @Test
  void breakerOpensAfterThresholdAndRejectsAtOnce() throws IOException {
    String url = "http://127.0.0.1:" + freePort();
    OkHttpPrometheusClient client =
        client(url, Map.of("retryMaxAttempts", 2, "breakerFailureThreshold", 2));
    failure(client);

    long start = System.nanoTime();
    PrometheusException rejected = failure(client);
    long elapsedMicros = TimeUnit.NANOSECONDS.toMicros(System.nanoTime() - start);

    assertThat(client.breaker().state()).isEqualTo(CircuitBreaker.State.OPEN);
    assertThat(rejected.errorType()).isEqualTo("connection");
    assertThat(rejected.getMessage())
        .startsWith("Prometheus at " + url + " is not reachable (2 attempts in a row failed")
        .contains("no request is sent for the next 30 s")
        .endsWith("check url in org.slurmscope.prometheus and that the server is running");
    assertThat(elapsedMicros).isLessThan(100_000);
    assertThat(log.messages()).anyMatch(message -> message.startsWith("WARN Prometheus at {}"));
  }

  @Test
  void breakerProbesAfterOpenTimeAndClosesOnSuccess() throws Exception {
    AtomicLong clock = new AtomicLong();
    OkHttpPrometheusClient client =
        clientWithClock(
            Map.of("retryMaxAttempts", 1, "breakerFailureThreshold", 2, "breakerOpenSeconds", 30),
            clock);
    server.enqueue(json(503, UNAVAILABLE));
    server.enqueue(json(503, UNAVAILABLE));
    failure(client);
    failure(client);
    assertThat(client.breaker().state()).isEqualTo(CircuitBreaker.State.OPEN);

    clock.addAndGet(Duration.ofSeconds(29).toNanos());
    PrometheusException stillOpen = failure(client);
    clock.addAndGet(Duration.ofSeconds(2).toNanos());
    server.enqueue(vector());
    QueryResult probe = client.query("up", null);

    assertThat(stillOpen.getMessage()).contains("no request is sent for the next 1 s");
    assertThat(server.getRequestCount()).isEqualTo(3);
    assertThat(probe.samples()).hasSize(1);
    assertThat(client.breaker().state()).isEqualTo(CircuitBreaker.State.CLOSED);
    assertThat(log.messages()).anyMatch(message -> message.contains("responds again"));
  }

  @Test
  void failedProbeOpensTheBreakerAgain() {
    AtomicLong clock = new AtomicLong();
    OkHttpPrometheusClient client =
        clientWithClock(Map.of("retryMaxAttempts", 1, "breakerFailureThreshold", 1), clock);
    server.enqueue(json(503, UNAVAILABLE));
    server.enqueue(json(503, UNAVAILABLE));
    failure(client);

    clock.addAndGet(Duration.ofSeconds(31).toNanos());
    PrometheusException probe = failure(client);
    PrometheusException after = failure(client);

    assertThat(probe.errorType()).isEqualTo("unavailable");
    assertThat(after.getMessage()).contains("no request is sent for the next 30 s");
    assertThat(server.getRequestCount()).isEqualTo(2);
  }

  @Test
  void badQueriesNeverOpenTheBreaker() {
    for (int i = 0; i < 4; i++) {
      server.enqueue(json(400, Fixtures.text("testbed/query-error-bad-syntax.json")));
    }
    OkHttpPrometheusClient client = client(Map.of("breakerFailureThreshold", 2));

    for (int i = 0; i < 4; i++) {
      assertThat(failure(client).errorType()).isEqualTo("bad_data");
    }

    assertThat(client.breaker().state()).isEqualTo(CircuitBreaker.State.CLOSED);
    assertThat(server.getRequestCount()).isEqualTo(4);
  }

  // --- A responsive console

  @Test
  void silentServerCostsNothingOnceTheBreakerIsOpen() throws Exception {
    // A server that accepts connections and never answers: the worst case for a caller.
    try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      List<Socket> accepted = new ArrayList<>();
      Thread acceptor =
          new Thread(
              () -> {
                try {
                  while (true) {
                    accepted.add(silent.accept());
                  }
                } catch (IOException e) {
                  // The socket was closed at the end of the test.
                }
              });
      acceptor.setDaemon(true);
      acceptor.start();
      OkHttpPrometheusClient client =
          client(
              "http://127.0.0.1:" + silent.getLocalPort(),
              Map.of(
                  "readTimeoutMillis", 150, "retryMaxAttempts", 2, "breakerFailureThreshold", 2));

      long firstStart = System.nanoTime();
      failure(client);
      long firstMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - firstStart);
      long[] laterMicros = new long[21];
      for (int i = 0; i < laterMicros.length; i++) {
        long start = System.nanoTime();
        failure(client);
        laterMicros[i] = TimeUnit.NANOSECONDS.toMicros(System.nanoTime() - start);
      }
      Arrays.sort(laterMicros);

      assertThat(firstMillis).isGreaterThanOrEqualTo(300);
      // One attempt costs the 150 ms read timeout; a rejected one costs no I/O at all. The slowest
      // of the later calls may include class loading or a collection, so it gets some margin.
      assertThat(laterMicros[laterMicros.length / 2]).isLessThan(2_000);
      assertThat(laterMicros[laterMicros.length - 1]).isLessThan(100_000);
      assertThat(accepted).hasSizeLessThanOrEqualTo(2);
    }
  }

  @Test
  void interruptCancelsTheCallInFlight() throws Exception {
    server.enqueue(vector().setHeadersDelay(10, TimeUnit.SECONDS));
    OkHttpPrometheusClient client = client(Map.of("readTimeoutMillis", 30_000));
    AtomicReference<Throwable> thrown = new AtomicReference<>();
    Thread caller =
        new Thread(
            () -> {
              try {
                client.query("up", null);
              } catch (Exception e) {
                thrown.set(e);
              }
            });
    caller.start();
    assertThat(server.takeRequest(5, TimeUnit.SECONDS)).isNotNull();

    long start = System.nanoTime();
    caller.interrupt();
    caller.join(2000);
    long elapsedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

    assertThat(caller.isAlive()).isFalse();
    assertThat(thrown.get()).isInstanceOf(InterruptedException.class);
    assertThat(elapsedMillis).isLessThan(1000);
    awaitNoRunningCalls(client);
    assertThat(client.runningCalls()).isZero();
    assertThat(client.breaker().state()).isEqualTo(CircuitBreaker.State.CLOSED);
  }

  private static void awaitNoRunningCalls(OkHttpPrometheusClient client)
      throws InterruptedException {
    for (int i = 0; i < 100 && client.runningCalls() > 0; i++) {
      Thread.sleep(10);
    }
  }

  // --- Limits

  @Test
  void concurrencyLimitHoldsBackExtraRequests() throws Exception {
    AtomicInteger inFlight = new AtomicInteger();
    AtomicInteger maxInFlight = new AtomicInteger();
    server.setDispatcher(
        new Dispatcher() {
          @Override
          public MockResponse dispatch(RecordedRequest request) throws InterruptedException {
            maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
            Thread.sleep(150);
            inFlight.decrementAndGet();
            return vector();
          }
        });
    OkHttpPrometheusClient client = client(Map.of("maxConcurrentRequests", 2));
    ExecutorService callers = Executors.newFixedThreadPool(6);
    List<Future<QueryResult>> results = new ArrayList<>();

    long start = System.nanoTime();
    for (int i = 0; i < 6; i++) {
      results.add(callers.submit(() -> client.query("up", null)));
    }
    for (Future<QueryResult> result : results) {
      assertThat(result.get(10, TimeUnit.SECONDS).samples()).hasSize(1);
    }
    long elapsedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    callers.shutdown();

    assertThat(maxInFlight.get()).isEqualTo(2);
    assertThat(elapsedMillis).isGreaterThanOrEqualTo(3 * 150);
  }

  @Test
  void rateLimitSpacesRequestsAfterTheBurst() throws Exception {
    server.setDispatcher(
        new Dispatcher() {
          @Override
          public MockResponse dispatch(RecordedRequest request) {
            return vector();
          }
        });
    OkHttpPrometheusClient client = client(Map.of("maxRequestsPerSecond", 10.0));

    long start = System.nanoTime();
    for (int i = 0; i < 15; i++) {
      client.query("up", null);
    }
    long elapsedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

    // Ten requests go at once (one second's worth), the next five 100 ms apart.
    assertThat(server.getRequestCount()).isEqualTo(15);
    assertThat(elapsedMillis).isBetween(450L, 2000L);
  }

  @Test
  void requestThatWouldWaitPastCallTimeoutIsThrottled() throws Exception {
    server.enqueue(vector());
    OkHttpPrometheusClient client = client(Map.of("maxRequestsPerSecond", 0.01));
    client.query("up", null);

    long start = System.nanoTime();
    PrometheusException failure = failure(client);
    long elapsedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

    assertThat(failure.errorType()).isEqualTo("throttled");
    assertThat(failure.getMessage())
        .contains("maxRequestsPerSecond=0.01")
        .endsWith("raise them in org.slurmscope.prometheus if this console needs more requests");
    // The next token is due in 100 s: the request fails at once instead of waiting for it.
    assertThat(elapsedMillis).isLessThan(2000);
    assertThat(server.getRequestCount()).isEqualTo(1);
  }
}
