package org.slurmscope.prometheus.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.crypto.generators.OpenBSDBCrypt;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slurmscope.api.prometheus.Alert;
import org.slurmscope.api.prometheus.PrometheusException;
import org.slurmscope.api.prometheus.QueryResult;

/**
 * The client against a real Prometheus that requires TLS with a client certificate and HTTP basic
 * authentication ({@code --web.config.file}), started by this test on a free loopback port with a
 * temporary data folder and one alerting rule that always fires.
 */
class SecuredPrometheusTest {

  private static final Path PROMETHEUS = Path.of("/usr/bin/prometheus");
  private static final String USER = "alice";
  private static final String PASSWORD = "correct horse battery staple";

  @TempDir static Path dir;
  private static TestCertificates certificates;
  private static Process prometheus;
  private static int port;
  private static Path passwordFile;
  private static Path wrongPasswordFile;

  private final TestLogger log = new TestLogger();
  private OkHttpPrometheusClient client;

  @BeforeAll
  static void startPrometheus() throws Exception {
    boolean required = "1".equals(System.getenv("SLURMSCOPE_TESTBED"));
    if (!required) {
      Assumptions.assumeTrue(
          Files.isExecutable(PROMETHEUS),
          PROMETHEUS + " is missing: install the Debian package prometheus");
    }
    assertThat(Files.isExecutable(PROMETHEUS))
        .as("SLURMSCOPE_TESTBED=1 but " + PROMETHEUS + " is missing")
        .isTrue();
    TestCertificates.requireOpenssl();
    certificates = TestCertificates.create(dir);
    passwordFile = secret("password", PASSWORD);
    wrongPasswordFile = secret("wrong-password", "not the password");
    port = freePort();
    writeConfiguration();

    prometheus =
        new ProcessBuilder(
                PROMETHEUS.toString(),
                "--config.file=" + dir.resolve("prometheus.yml"),
                "--web.config.file=" + dir.resolve("web.yml"),
                "--storage.tsdb.path=" + dir.resolve("data"),
                "--web.listen-address=127.0.0.1:" + port)
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("prometheus.log").toFile())
            .start();
    awaitReady();
  }

  @AfterAll
  static void stopPrometheus() throws InterruptedException {
    if (prometheus == null) {
      return;
    }
    // Stopped through its own process handle, which is its PID.
    prometheus.destroy();
    if (!prometheus.waitFor(10, TimeUnit.SECONDS)) {
      prometheus.destroyForcibly();
    }
  }

  @AfterEach
  void closeClient() {
    if (client != null) {
      client.close();
    }
  }

  private static Path secret(String name, String value) throws IOException {
    Path file = dir.resolve(name);
    Files.writeString(file, value + "\n");
    TestCertificates.ownerOnly(file);
    return file;
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  private static void writeConfiguration() throws IOException {
    byte[] salt = new byte[16];
    new SecureRandom().nextBytes(salt);
    // Cost 4, the minimum, because the server checks the hash on every request of the test.
    String hash = OpenBSDBCrypt.generate("2a", PASSWORD.toCharArray(), salt, 4);
    Files.writeString(
        dir.resolve("web.yml"),
        "tls_server_config:\n"
            + "  cert_file: "
            + certificates.serverCert
            + "\n"
            + "  key_file: "
            + certificates.serverKey
            + "\n"
            + "  client_auth_type: RequireAndVerifyClientCert\n"
            + "  client_ca_file: "
            + certificates.caCert
            + "\n"
            + "basic_auth_users:\n"
            + "  "
            + USER
            + ": "
            + hash
            + "\n",
        StandardCharsets.UTF_8);
    Files.writeString(
        dir.resolve("prometheus.yml"),
        "global:\n"
            + "  evaluation_interval: 1s\n"
            + "rule_files:\n"
            + "  - "
            + dir.resolve("rules.yml")
            + "\n");
    Files.writeString(
        dir.resolve("rules.yml"),
        "groups:\n"
            + "  - name: slurmscope-test\n"
            + "    rules:\n"
            + "      - alert: AlwaysFiring\n"
            + "        expr: vector(1)\n"
            + "        labels:\n"
            + "          severity: test\n"
            + "        annotations:\n"
            + "          summary: fires on every evaluation\n");
  }

  private static Map<String, Object> trusted() {
    Map<String, Object> values = new HashMap<>();
    values.put("tlsCaFile", certificates.caCert.toString());
    values.put("tlsCertFile", certificates.clientCert.toString());
    values.put("tlsKeyFile", certificates.clientKey.toString());
    values.put("basicAuthUser", USER);
    values.put("basicAuthPasswordFile", passwordFile.toString());
    values.put("retryMaxAttempts", 1);
    return values;
  }

  private static String url() {
    return "https://127.0.0.1:" + port;
  }

  private static void awaitReady() throws Exception {
    TestLogger log = new TestLogger();
    try (OkHttpPrometheusClient probe = Clients.client(Clients.settings(url(), trusted()), log)) {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while (System.nanoTime() < deadline) {
        try {
          if (probe.ready()) {
            return;
          }
        } catch (PrometheusException e) {
          // Not listening yet.
        }
        assertThat(prometheus.isAlive())
            .as("prometheus exited: " + Files.readString(dir.resolve("prometheus.log")))
            .isTrue();
        Thread.sleep(200);
      }
    }
    throw new AssertionError(
        "prometheus not ready after 30 s: " + Files.readString(dir.resolve("prometheus.log")));
  }

  private OkHttpPrometheusClient client(String url, Map<String, Object> values) {
    client = Clients.client(Clients.settings(url, values), log);
    return client;
  }

  private static PrometheusException failure(OkHttpPrometheusClient client) {
    try {
      client.query("vector(1)", null);
    } catch (PrometheusException e) {
      return e;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
    throw new AssertionError("the query did not fail");
  }

  @Test
  void certificateAndPasswordGetAnswers() throws Exception {
    OkHttpPrometheusClient client = client(url(), trusted());

    QueryResult result = client.query("vector(42)", null);

    assertThat(result.samples()).hasSize(1);
    assertThat(result.samples().get(0).value()).isEqualTo(42.0);
    assertThat(client.buildInfo().version()).startsWith("2.");
    assertThat(client.ready()).isTrue();
  }

  @Test
  void ruleFileAlertIsListed() throws Exception {
    OkHttpPrometheusClient client = client(url(), trusted());

    List<Alert> alerts = List.of();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
    while (alerts.isEmpty() && System.nanoTime() < deadline) {
      alerts = client.alerts();
      Thread.sleep(200);
    }

    assertThat(alerts).hasSize(1);
    Alert alert = alerts.get(0);
    assertThat(alert.labels()).containsEntry("alertname", "AlwaysFiring");
    assertThat(alert.labels()).containsEntry("severity", "test");
    assertThat(alert.annotations()).containsEntry("summary", "fires on every evaluation");
    assertThat(alert.state()).isEqualTo("firing");
    assertThat(alert.activeAt()).isNotNull();
    assertThat(alert.value()).isEqualTo(1.0);
  }

  @Test
  void wrongPasswordIsHttp401NamingTheKeys() {
    Map<String, Object> values = trusted();
    values.put("basicAuthPasswordFile", wrongPasswordFile.toString());

    PrometheusException failure = failure(client(url(), values));

    assertThat(failure.errorType()).isEqualTo("http");
    assertThat(failure.getMessage())
        .contains("returned HTTP 401")
        .contains("the credentials were missing or rejected: check basicAuthUser")
        .doesNotContain("not the password");
  }

  @Test
  void missingClientCertificateFailsTheConnection() {
    Map<String, Object> values = trusted();
    values.remove("tlsCertFile");
    values.remove("tlsKeyFile");

    PrometheusException failure = failure(client(url(), values));

    assertThat(failure.errorType()).isEqualTo("connection");
    assertThat(failure.getMessage()).contains("Prometheus at " + url());
  }

  @Test
  void serverCertificateFromUnknownAuthorityIsRejected() {
    Map<String, Object> values = trusted();
    values.remove("tlsCaFile");

    PrometheusException failure = failure(client(url(), values));

    assertThat(failure.errorType()).isEqualTo("connection");
    assertThat(failure.getMessage())
        .startsWith("TLS connection to Prometheus at " + url() + " failed (")
        .contains("PKIX path building failed")
        .endsWith("and that url names a host the server's certificate is issued for");
  }

  @Test
  void hostNameOutsideTheCertificateIsRejected() {
    String localhost = "https://localhost:" + port;

    PrometheusException failure = failure(client(localhost, trusted()));

    assertThat(failure.errorType()).isEqualTo("connection");
    assertThat(failure.getMessage())
        .startsWith("TLS connection to Prometheus at " + localhost + " failed (")
        .contains("localhost");
  }

  @Test
  void insecureSwitchConnectsAndWarns() throws Exception {
    Map<String, Object> values = trusted();
    values.remove("tlsCaFile");
    values.put("tlsInsecureSkipVerify", true);
    OkHttpPrometheusClient client = client("https://localhost:" + port, values);

    QueryResult result = client.query("vector(1)", null);

    assertThat(result.samples()).hasSize(1);
    assertThat(log.messages())
        .anyMatch(message -> message.startsWith("WARN tlsInsecureSkipVerify=true in {}"));
  }
}
