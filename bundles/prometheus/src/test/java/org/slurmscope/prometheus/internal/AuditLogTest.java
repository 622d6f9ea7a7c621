package org.slurmscope.prometheus.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slurmscope.api.prometheus.PrometheusException;

class AuditLogTest {

  @TempDir Path dir;

  private final TestLogger log = new TestLogger();
  private MockWebServer server;
  private OkHttpPrometheusClient client;

  @BeforeEach
  void startServer() throws IOException {
    server = new MockWebServer();
    server.start(InetAddress.getLoopbackAddress(), 0);
  }

  @AfterEach
  void stop() throws IOException {
    if (client != null) {
      client.close();
    }
    server.shutdown();
  }

  private OkHttpPrometheusClient client(Map<String, Object> values) {
    client = Clients.client(Clients.settings(server.url("/").toString(), values), log);
    return client;
  }

  @Test
  void fileGetsOneLinePerRequest() throws Exception {
    Path file = dir.resolve("audit.log");
    OkHttpPrometheusClient client =
        client(Map.of("auditLog", true, "auditLogFile", file.toString(), "retryMaxAttempts", 1));
    server.enqueue(new MockResponse().setBody(Fixtures.text("testbed/query-node-load1.json")));
    server.enqueue(
        new MockResponse()
            .setResponseCode(400)
            .setBody(Fixtures.text("testbed/query-error-bad-syntax.json")));
    client.query("max by (instance) (node_load1{job=\"node\"})", null);
    assertThatThrownBy(() -> client.query("rate(x[1m]", null))
        .isInstanceOf(PrometheusException.class);

    List<String> lines = Files.readAllLines(file);

    assertThat(lines).hasSize(2);
    assertThat(lines.get(0))
        .matches("time=\\d{4}-\\d\\d-\\d\\dT\\S+Z endpoint=api/v1/query status=200 .*")
        .contains(" outcome=ok ")
        .contains(" series=5 attempts=1 ")
        .matches(".* durationMillis=\\d+ .*")
        .endsWith(" query=\"max by (instance) (node_load1{job=\\\"node\\\"})\"");
    assertThat(lines.get(1))
        .contains(" status=400 outcome=bad_data ")
        .contains(" series=- ")
        .endsWith(" query=\"rate(x[1m]\"");
    assertThat(Files.getPosixFilePermissions(file))
        .isEqualTo(PosixFilePermissions.fromString("rw-------"));
  }

  @Test
  void failedConnectionHasNoStatus() throws Exception {
    Path file = dir.resolve("audit.log");
    OkHttpPrometheusClient client =
        client(Map.of("auditLog", true, "auditLogFile", file.toString(), "retryMaxAttempts", 1));
    server.shutdown();

    assertThatThrownBy(() -> client.query("up", null)).isInstanceOf(PrometheusException.class);

    assertThat(Files.readAllLines(file))
        .singleElement()
        .asString()
        .contains(" status=- outcome=connection ");
  }

  @Test
  void withoutFileLinesGoToTheLog() throws Exception {
    OkHttpPrometheusClient client = client(Map.of("auditLog", true));
    server.enqueue(new MockResponse().setBody(Fixtures.text("testbed/query-up.json")));

    client.query("up", null);

    assertThat(log.messages()).contains("INFO audit {}");
  }

  @Test
  void offByDefault() throws Exception {
    OkHttpPrometheusClient client = client(Map.of("auditLogFile", dir.resolve("a.log").toString()));
    server.enqueue(new MockResponse().setBody(Fixtures.text("testbed/query-up.json")));

    client.query("up", null);

    assertThat(dir.resolve("a.log")).doesNotExist();
    assertThat(log.messages()).doesNotContain("INFO audit {}");
  }

  @Test
  void lineBreaksInQueriesAreEscaped() {
    StringBuilder line = new StringBuilder();

    AuditLog.appendQuoted(line, "sum(\n  up\t) \\ \"x\"");

    assertThat(line.toString()).isEqualTo("\"sum(\\n  up\\t) \\\\ \\\"x\\\"\"");
  }

  @Test
  void unwritableFileFailsTheConfiguration() {
    Path file = dir.resolve("missing-folder").resolve("audit.log");

    assertThatThrownBy(() -> client(Map.of("auditLog", true, "auditLogFile", file.toString())))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith(
            "org.slurmscope.prometheus: auditLogFile=\""
                + file
                + "\" is invalid: the file cannot"
                + " be opened for appending");
  }
}
