package org.slurmscope.slurm.rest.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.slurmscope.slurm.rest.internal.Support.json;
import static org.slurmscope.slurm.rest.internal.Support.recorded;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slurmscope.api.slurm.Job;
import org.slurmscope.api.slurm.Partition;
import org.slurmscope.api.slurm.SlurmSnapshot;

/**
 * The slurmrestd source against a fake server that plays back answers recorded from Slurm 22.05
 * (API v0.0.38), 23.11 and 24.11 (v0.0.40 to v0.0.42) and 25.11 (v0.0.44).
 */
class RestSnapshotFetcherTest {

  private static final Instant NOW = Instant.parse("2026-12-04T22:00:00Z");
  private static final String TOKEN = Support.jwt("alice", NOW.plusSeconds(3600));

  @TempDir Path folder;

  private MockWebServer server;
  private final List<String> logged = new ArrayList<>();
  private final List<SlurmrestdClient> clients = new ArrayList<>();

  @BeforeEach
  void startServer() throws IOException {
    server = new MockWebServer();
    server.start(InetAddress.getLoopbackAddress(), 0);
  }

  @AfterEach
  void stopServer() throws IOException {
    clients.forEach(SlurmrestdClient::close);
    server.shutdown();
  }

  private RestSnapshotFetcher fetcher(Map<String, Object> values, Map<String, String> environment) {
    Map<String, Object> config = new HashMap<>(values);
    config.put("url", server.url("/").toString());
    RestSettings settings = RestSettings.validate(Support.config(config));
    SlurmrestdClient client = new SlurmrestdClient(settings);
    clients.add(client);
    Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    TokenSource tokens = new TokenSource(settings, environment, clock, logged::add);
    return new RestSnapshotFetcher(settings, client, tokens, logged::add, clock);
  }

  private RestSnapshotFetcher withEnvironmentToken() {
    return fetcher(Map.of(), Map.of("SLURM_JWT", TOKEN));
  }

  private void enqueueSnapshot2411() {
    server.enqueue(json("same-moment/rest-v0.0.42-jobs.json"));
    server.enqueue(json("same-moment/rest-v0.0.42-nodes.json"));
    server.enqueue(json("same-moment/rest-v0.0.42-partitions.json"));
  }

  private List<String> paths(int count) throws InterruptedException {
    List<String> paths = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      RecordedRequest request = server.takeRequest(5, TimeUnit.SECONDS);
      paths.add(request == null ? null : request.getPath());
    }
    return paths;
  }

  @Test
  void newestCommonVersionIsChosenOnceAndLoggedOnce() throws Exception {
    RestSnapshotFetcher fetcher = withEnvironmentToken();
    server.enqueue(json("testbed/openapi-v3-paths_slurm-24.11.5.json"));
    enqueueSnapshot2411();
    enqueueSnapshot2411();

    SlurmSnapshot first = fetcher.fetch();
    SlurmSnapshot second = fetcher.fetch();

    assertThat(paths(7))
        .containsExactly(
            "/openapi/v3",
            "/slurm/v0.0.42/jobs",
            "/slurm/v0.0.42/nodes",
            "/slurm/v0.0.42/partitions",
            "/slurm/v0.0.42/jobs",
            "/slurm/v0.0.42/nodes",
            "/slurm/v0.0.42/partitions");
    assertThat(logged)
        .containsExactly(
            "slurmrestd at "
                + server.url("/").toString().replaceAll("/$", "")
                + " serves API v0.0.40, v0.0.41, v0.0.42: using v0.0.42 (set apiVersion in"
                + " org.slurmscope.slurm.rest to choose another)");
    assertThat(first.apiVersion()).isEqualTo("v0.0.42");
    assertThat(first.slurmVersion()).isEqualTo("24.11.5");
    assertThat(first.cluster()).isEqualTo("modern");
    assertThat(first.jobs()).hasSize(19);
    assertThat(first.nodes()).hasSize(6);
    assertThat(first.partitions())
        .extracting(Partition::name)
        .containsExactly("debug", "batch", "gpu", "long");
    assertThat(first.fetchedAt()).isEqualTo(NOW);
    assertThat(second.jobs()).hasSize(19);
  }

  @Test
  void slurmrestdOf2205GetsV0038() throws Exception {
    RestSnapshotFetcher fetcher = withEnvironmentToken();
    server.enqueue(json("testbed/openapi-v3-paths_slurm-22.05.8.json"));
    server.enqueue(json("same-moment/rest-v0.0.38-jobs.json"));
    server.enqueue(json("same-moment/rest-v0.0.38-nodes.json"));
    server.enqueue(json("same-moment/rest-v0.0.38-partitions.json"));

    SlurmSnapshot snapshot = fetcher.fetch();

    assertThat(paths(2)).containsExactly("/openapi/v3", "/slurm/v0.0.38/jobs");
    assertThat(snapshot.apiVersion()).isEqualTo("v0.0.38");
    assertThat(snapshot.slurmVersion()).isEqualTo("22.05.8");
    assertThat(snapshot.jobs()).extracting(Job::id).contains("8_[3-6%2]", "4_3");
    assertThat(snapshot.partitions().get(0).isDefault()).isTrue();
    assertThat(logged)
        .singleElement()
        .asString()
        .contains("serves API v0.0.36, v0.0.37, v0.0.38: using v0.0.38");
  }

  @Test
  void configuredVersionSkipsDiscovery() throws Exception {
    RestSnapshotFetcher fetcher =
        fetcher(Map.of("apiVersion", "v0.0.42"), Map.of("SLURM_JWT", TOKEN));
    enqueueSnapshot2411();

    fetcher.fetch();

    assertThat(paths(1)).containsExactly("/slurm/v0.0.42/jobs");
    assertThat(logged).singleElement().asString().endsWith("using API v0.0.42 as configured");
  }

  @Test
  void pingIsProbedWhenOpenapiIsMissing() throws Exception {
    RestSnapshotFetcher fetcher = withEnvironmentToken();
    server.enqueue(
        recorded(404, "text/plain", "slurmrestd/v0.0.42_slurm-24.11.5/slurm-not-found.txt"));
    server.enqueue(
        recorded(404, "text/plain", "slurmrestd/v0.0.42_slurm-24.11.5/slurm-not-found.txt"));
    server.enqueue(
        recorded(404, "text/plain", "slurmrestd/v0.0.42_slurm-24.11.5/slurm-not-found.txt"));
    server.enqueue(json("same-moment/rest-v0.0.42-ping.json"));

    assertThat(fetcher.version()).hasToString("v0.0.42");
    assertThat(paths(4))
        .containsExactly(
            "/openapi/v3", "/slurm/v0.0.44/ping", "/slurm/v0.0.43/ping", "/slurm/v0.0.42/ping");
    assertThat(logged).singleElement().asString().contains("answers ping in API v0.0.42");
  }

  @Test
  void requestsUseHttp11AndCarryTheToken() throws Exception {
    RestSnapshotFetcher fetcher =
        fetcher(Map.of("apiVersion", "v0.0.42"), Map.of("SLURM_JWT", TOKEN));
    enqueueSnapshot2411();

    fetcher.fetch();

    RecordedRequest request = server.takeRequest(5, TimeUnit.SECONDS);
    assertThat(request.getRequestLine()).isEqualTo("GET /slurm/v0.0.42/jobs HTTP/1.1");
    assertThat(request.getHeader("X-SLURM-USER-TOKEN")).isEqualTo(TOKEN);
    assertThat(request.getHeader("X-SLURM-USER-NAME")).isEqualTo("alice");
    assertThat(request.getHeader("Upgrade")).isNull();
  }

  @Test
  void missingTokenAnswerAsksToRenewIt() {
    RestSnapshotFetcher fetcher =
        fetcher(Map.of("apiVersion", "v0.0.42"), Map.of("SLURM_JWT", TOKEN));
    server.enqueue(recorded(401, "text/plain", "testbed/no-token_slurm-24.11.5.txt"));

    assertThatThrownBy(fetcher::fetch)
        .isInstanceOf(SlurmrestdException.class)
        .hasMessageContaining("rejected the token (401 for GET /slurm/v0.0.42/jobs")
        .hasMessageContaining("Authentication failure")
        .hasMessageContaining("renew the token")
        .hasMessageContaining("set a new SLURM_JWT")
        .hasMessageNotContaining(TOKEN);
  }

  @Test
  void rejectedTokenOf2511Is511WithProtocolAuthenticationError() {
    RestSnapshotFetcher fetcher =
        fetcher(Map.of("apiVersion", "v0.0.44"), Map.of("SLURM_JWT", TOKEN));
    server.enqueue(
        recorded(
            511,
            "application/json",
            "slurmrestd/v0.0.44_slurm-25.11.0/slurm-jwt-invalid-token.json"));

    assertThatThrownBy(fetcher::fetch)
        .isInstanceOf(SlurmrestdException.class)
        .satisfies(
            e ->
                assertThat(((SlurmrestdException) e).kind())
                    .isEqualTo(SlurmrestdException.Kind.AUTHENTICATION))
        .hasMessageContaining("Protocol authentication error")
        .hasMessageContaining("renew the token");
  }

  @Test
  void rejectedTokenOf2311Is500WithADatabaseError() {
    RestSnapshotFetcher fetcher =
        fetcher(Map.of("apiVersion", "v0.0.40"), Map.of("SLURM_JWT", TOKEN));
    server.enqueue(
        recorded(
            500,
            "application/json",
            "slurmrestd/v0.0.40_slurm-23.11.10/slurm-jwt-invalid-token.json"));

    assertThatThrownBy(fetcher::fetch)
        .isInstanceOf(SlurmrestdException.class)
        .satisfies(
            e ->
                assertThat(((SlurmrestdException) e).kind())
                    .isEqualTo(SlurmrestdException.Kind.AUTHENTICATION))
        .hasMessageContaining("Unable to connect to database")
        .hasMessageContaining("renew the token");
  }

  @Test
  void missingHeadersOf2511AreAnAuthenticationFailure() {
    RestSnapshotFetcher fetcher =
        fetcher(Map.of("apiVersion", "v0.0.44"), Map.of("SLURM_JWT", TOKEN));
    server.enqueue(
        recorded(
            500, "text/plain", "slurmrestd/v0.0.44_slurm-25.11.0/slurm-jwt-invalid-headers.txt"));

    assertThatThrownBy(fetcher::fetch)
        .isInstanceOf(SlurmrestdException.class)
        .hasMessageContaining("Authentication does not apply to request")
        .hasMessageContaining("renew the token");
  }

  @Test
  void expiredTokenOf2411Is511() {
    RestSnapshotFetcher fetcher =
        fetcher(Map.of("apiVersion", "v0.0.42"), Map.of("SLURM_JWT", TOKEN));
    server.enqueue(recorded(511, "application/json", "testbed/bad-token_slurm-24.11.5.json"));

    assertThatThrownBy(fetcher::fetch)
        .hasMessageContaining("511")
        .hasMessageContaining("renew the token");
  }

  @Test
  void emptyBodyIsReportedWithStatusAndEndpoint() {
    RestSnapshotFetcher fetcher =
        fetcher(Map.of("apiVersion", "v0.0.42"), Map.of("SLURM_JWT", TOKEN));
    server.enqueue(new MockResponse().setResponseCode(502));

    assertThatThrownBy(fetcher::fetch)
        .isInstanceOf(SlurmrestdException.class)
        .hasMessageContaining("returned 502 for GET /slurm/v0.0.42/jobs with an empty body");
  }

  @Test
  void emptyJsonBodyIsReportedWithStatusAndEndpoint() {
    RestSnapshotFetcher fetcher =
        fetcher(Map.of("apiVersion", "v0.0.42"), Map.of("SLURM_JWT", TOKEN));
    server.enqueue(
        new MockResponse().setResponseCode(500).setHeader("Content-Type", "application/json"));

    assertThatThrownBy(fetcher::fetch)
        .hasMessageContaining("returned 500 for GET /slurm/v0.0.42/jobs with an empty body");
  }

  @Test
  void plainTextNotFoundIsQuoted() {
    RestSnapshotFetcher fetcher =
        fetcher(Map.of("apiVersion", "v0.0.42"), Map.of("SLURM_JWT", TOKEN));
    server.enqueue(
        recorded(404, "text/plain", "slurmrestd/v0.0.42_slurm-24.11.5/slurm-not-found.txt"));

    assertThatThrownBy(fetcher::fetch)
        .isInstanceOf(SlurmrestdException.class)
        .satisfies(
            e ->
                assertThat(((SlurmrestdException) e).kind())
                    .isEqualTo(SlurmrestdException.Kind.NOT_FOUND))
        .hasMessageContaining("returned 404 for GET /slurm/v0.0.42/jobs")
        .hasMessageContaining("Unable find requested URL");
  }

  @Test
  void errorsInJsonAreReadWhateverTheStatus() {
    RestSnapshotFetcher fetcher =
        fetcher(Map.of("apiVersion", "v0.0.44"), Map.of("SLURM_JWT", TOKEN));
    // A node that does not exist: status 200, with errors and no nodes.
    server.enqueue(json("same-moment/rest-v0.0.42-jobs.json"));
    server.enqueue(json("slurmrestd/v0.0.44_slurm-25.11.0/slurm-node-unfound.json"));

    assertThatThrownBy(fetcher::fetch)
        .hasMessageContaining("returned 200 for GET /slurm/v0.0.44/nodes reported an error")
        .hasMessageContaining("Failure to query node unexisting-node");
  }

  @Test
  void notFoundJobErrorIsQuotedFromTheJson() {
    RestSnapshotFetcher fetcher =
        fetcher(Map.of("apiVersion", "v0.0.42"), Map.of("SLURM_JWT", TOKEN));
    server.enqueue(
        recorded(
            404, "application/json", "slurmrestd/v0.0.42_slurm-24.11.5/slurm-job-unfound.json"));

    assertThatThrownBy(fetcher::fetch)
        .hasMessageContaining("returned 404")
        .hasMessageContaining("Invalid job id specified, error 2017");
  }

  @Test
  void partitionFailureOnlyAddsAWarning() throws Exception {
    RestSnapshotFetcher fetcher =
        fetcher(Map.of("apiVersion", "v0.0.42"), Map.of("SLURM_JWT", TOKEN));
    server.enqueue(json("same-moment/rest-v0.0.42-jobs.json"));
    server.enqueue(json("same-moment/rest-v0.0.42-nodes.json"));
    server.enqueue(new MockResponse().setResponseCode(503).setBody("busy"));

    SlurmSnapshot snapshot = fetcher.fetch();

    assertThat(snapshot.partitions()).isEmpty();
    assertThat(snapshot.warnings())
        .singleElement()
        .asString()
        .startsWith("Partitions are not shown: ")
        .contains("returned 503 for GET /slurm/v0.0.42/partitions");
  }

  @Test
  void droppedVersionIsChosenAgainOnTheNextPoll() throws Exception {
    RestSnapshotFetcher fetcher = withEnvironmentToken();
    server.enqueue(json("testbed/openapi-v3-paths_slurm-22.05.8.json"));
    server.enqueue(
        recorded(404, "text/plain", "slurmrestd/v0.0.42_slurm-24.11.5/slurm-not-found.txt"));
    server.enqueue(json("testbed/openapi-v3-paths_slurm-24.11.5.json"));
    enqueueSnapshot2411();

    assertThatThrownBy(fetcher::fetch).hasMessageContaining("404");
    SlurmSnapshot snapshot = fetcher.fetch();

    assertThat(snapshot.apiVersion()).isEqualTo("v0.0.42");
    assertThat(logged).hasSize(2);
  }

  @Test
  void unreachableServerIsNamedWithTheFix() throws IOException {
    RestSnapshotFetcher fetcher =
        fetcher(Map.of("apiVersion", "v0.0.42"), Map.of("SLURM_JWT", TOKEN));
    server.shutdown();

    assertThatThrownBy(fetcher::fetch)
        .isInstanceOf(SlurmrestdException.class)
        .hasMessageContaining("is not reachable")
        .hasMessageContaining("check url in org.slurmscope.slurm.rest");
  }

  @Test
  void scontrolTokenIsRenewedAfterARejection() throws Exception {
    Path counter = folder.resolve("calls");
    String second = Support.jwt("alice", NOW.plusSeconds(1800));
    Path scontrol =
        script(
            "echo x >> '"
                + counter
                + "'\n"
                + "if [ $(wc -l < '"
                + counter
                + "') -eq 1 ]; then echo 'SLURM_JWT="
                + TOKEN
                + "';"
                + " else echo 'SLURM_JWT="
                + second
                + "'; fi");
    RestSnapshotFetcher fetcher =
        fetcher(
            Map.of(
                "apiVersion",
                "v0.0.42",
                "tokenSource",
                "scontrol",
                "scontrolCommand",
                scontrol.toString()),
            Map.of());
    server.enqueue(recorded(511, "application/json", "testbed/bad-token_slurm-24.11.5.json"));
    enqueueSnapshot2411();

    SlurmSnapshot snapshot = fetcher.fetch();

    assertThat(snapshot.jobs()).hasSize(19);
    assertThat(server.takeRequest().getHeader("X-SLURM-USER-TOKEN")).isEqualTo(TOKEN);
    assertThat(server.takeRequest().getHeader("X-SLURM-USER-TOKEN")).isEqualTo(second);
    assertThat(Files.readAllLines(counter)).hasSize(2);
    assertThat(logged).filteredOn(line -> line.startsWith("Made a slurmrestd token")).hasSize(2);
  }

  @Test
  void plain500Of2205IsRetriedWithANewToken() throws Exception {
    Path scontrol = script("echo 'SLURM_JWT=" + TOKEN + "'");
    RestSnapshotFetcher fetcher =
        fetcher(
            Map.of(
                "apiVersion",
                "v0.0.38",
                "tokenSource",
                "scontrol",
                "scontrolCommand",
                scontrol.toString()),
            Map.of());
    server.enqueue(recorded(500, "application/json", "testbed/bad-token_slurm-22.05.8.json"));
    server.enqueue(json("same-moment/rest-v0.0.38-jobs.json"));
    server.enqueue(json("same-moment/rest-v0.0.38-nodes.json"));
    server.enqueue(json("same-moment/rest-v0.0.38-partitions.json"));

    assertThat(fetcher.fetch().jobs()).hasSize(19);
  }

  @Test
  void plain500WithAFixedTokenIsReportedAsSlurmsError() {
    RestSnapshotFetcher fetcher =
        fetcher(Map.of("apiVersion", "v0.0.38"), Map.of("SLURM_JWT", TOKEN));
    server.enqueue(recorded(500, "application/json", "testbed/bad-token_slurm-22.05.8.json"));

    assertThatThrownBy(fetcher::fetch)
        .isInstanceOf(SlurmrestdException.class)
        .hasMessageContaining("returned 500")
        .hasMessageContaining("Failed while looking for jobs");
  }

  @Test
  void pingAndDiagThroughTheChosenVersion() throws Exception {
    RestSnapshotFetcher fetcher =
        fetcher(Map.of("apiVersion", "v0.0.42"), Map.of("SLURM_JWT", TOKEN));
    server.enqueue(json("same-moment/rest-v0.0.42-ping.json"));
    server.enqueue(json("same-moment/rest-v0.0.42-diag.json"));

    assertThat(fetcher.ping().anyUp()).isTrue();
    assertThat(fetcher.diag().statistics()).containsKey("jobs_running");
    assertThat(paths(2)).containsExactly("/slurm/v0.0.42/ping", "/slurm/v0.0.42/diag");
  }

  private Path script(String body) throws IOException {
    Path script = folder.resolve("scontrol");
    Files.writeString(script, "#!/bin/sh\n" + body + "\n");
    Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
    return script;
  }
}
