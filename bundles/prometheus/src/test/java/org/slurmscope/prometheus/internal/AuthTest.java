package org.slurmscope.prometheus.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
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
import org.slurmscope.api.prometheus.PrometheusException;

/** Credentials and headers: where they come from, what is sent, and what is never shown. */
class AuthTest {

  private static final String PASSWORD = "s3cret-Pa55";
  private static final String TOKEN = "eyJhbGciOiJIUzI1NiJ9.token-one";

  @TempDir Path dir;

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

  private Path secretFile(String name, String content, String mode) throws IOException {
    Path file = dir.resolve(name);
    Files.writeString(file, content);
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(mode));
    return file;
  }

  private ClientSettings settings(Map<String, Object> values, Map<String, String> environment) {
    return Clients.settings(server.url("/").toString(), values, environment);
  }

  private OkHttpPrometheusClient client(Map<String, Object> values) {
    return client(values, Map.of());
  }

  private OkHttpPrometheusClient client(
      Map<String, Object> values, Map<String, String> environment) {
    Map<String, Object> all = new HashMap<>(values);
    all.put("retryMaxAttempts", 1);
    OkHttpPrometheusClient client = Clients.client(settings(all, environment), log);
    clients.add(client);
    return client;
  }

  private RecordedRequest queryAndTakeRequest(OkHttpPrometheusClient client) throws Exception {
    server.enqueue(
        new MockResponse()
            .setBody(
                "{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":[]}}"));
    client.query("up", null);
    return server.takeRequest(5, TimeUnit.SECONDS);
  }

  // --- What is sent

  @Test
  void basicAuthenticationIsSent() throws Exception {
    Path password = secretFile("password", PASSWORD + "\n", "rw-------");
    OkHttpPrometheusClient client =
        client(Map.of("basicAuthUser", "alice", "basicAuthPasswordFile", password.toString()));

    RecordedRequest request = queryAndTakeRequest(client);

    // Base64 of "alice:s3cret-Pa55", RFC 7617.
    assertThat(request.getHeader("Authorization")).isEqualTo("Basic YWxpY2U6czNjcmV0LVBhNTU=");
  }

  @Test
  void bearerTokenFileIsReadAgainWhenItChanges() throws Exception {
    Path token = secretFile("token", TOKEN, "rw-------");
    OkHttpPrometheusClient client = client(Map.of("bearerTokenFile", token.toString()));
    RecordedRequest first = queryAndTakeRequest(client);

    Files.writeString(token, "eyJhbGciOiJIUzI1NiJ9.token-number-two\n");
    RecordedRequest second = queryAndTakeRequest(client);

    assertThat(first.getHeader("Authorization")).isEqualTo("Bearer " + TOKEN);
    assertThat(second.getHeader("Authorization"))
        .isEqualTo("Bearer eyJhbGciOiJIUzI1NiJ9.token-number-two");
  }

  @Test
  void bearerTokenFromEnvironmentIsSent() throws Exception {
    OkHttpPrometheusClient client =
        client(Map.of("bearerTokenEnv", "PROM_TOKEN"), Map.of("PROM_TOKEN", TOKEN));

    RecordedRequest request = queryAndTakeRequest(client);

    assertThat(request.getHeader("Authorization")).isEqualTo("Bearer " + TOKEN);
  }

  @Test
  void tenantAndSecretHeadersAreSent() throws Exception {
    Path apiKey = secretFile("api-key", "key-123", "rw-r-----");
    OkHttpPrometheusClient client =
        client(
            Map.of(
                "headers", "X-Scope-OrgID: team-a|team-b; X-Source: slurmscope;",
                "headerFiles", "X-Api-Key: " + apiKey,
                "headerEnvs", "X-Other-Key: OTHER_KEY"),
            Map.of("OTHER_KEY", "other-456"));

    RecordedRequest request = queryAndTakeRequest(client);

    assertThat(request.getHeader("X-Scope-OrgID")).isEqualTo("team-a|team-b");
    assertThat(request.getHeader("X-Source")).isEqualTo("slurmscope");
    assertThat(request.getHeader("X-Api-Key")).isEqualTo("key-123");
    assertThat(request.getHeader("X-Other-Key")).isEqualTo("other-456");
    assertThat(request.getHeader("Authorization")).isNull();
  }

  // --- What is rejected

  @Test
  void secretFileReadableByOthersIsRejected() throws IOException {
    Path token = secretFile("token", TOKEN, "rw-r--r--");

    assertThatThrownBy(() -> settings(Map.of("bearerTokenFile", token.toString()), Map.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith(
            "org.slurmscope.prometheus: bearerTokenFile=\"" + token + "\" is invalid: ")
        .hasMessageContaining("readable by other users (mode rw-r--r--)")
        .hasMessageContaining("chmod o-r " + token)
        .hasMessageNotContaining(TOKEN);
  }

  @Test
  void missingSecretFileIsRejected() {
    Path missing = dir.resolve("missing-token");

    assertThatThrownBy(() -> settings(Map.of("bearerTokenFile", missing.toString()), Map.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("bearerTokenFile=\"" + missing + "\" is invalid")
        .hasMessageContaining("does not exist or cannot be read");
  }

  @Test
  void unsetEnvironmentVariableIsRejected() {
    assertThatThrownBy(() -> settings(Map.of("bearerTokenEnv", "PROM_TOKEN"), Map.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "org.slurmscope.prometheus: bearerTokenEnv=\"PROM_TOKEN\" is invalid: the environment"
                + " variable PROM_TOKEN is not set or empty in the environment slurmscope was"
                + " started with");
  }

  @Test
  void authorizationInPlainHeadersIsRejectedUnquoted() {
    assertThatThrownBy(
            () -> settings(Map.of("headers", "Authorization: Bearer " + TOKEN), Map.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith(
            "org.slurmscope.prometheus: headers=\"Authorization: ***\" is invalid: credentials"
                + " must not be written into the configuration")
        .hasMessageNotContaining(TOKEN);
  }

  @Test
  void basicAndBearerTogetherAreRejected() throws IOException {
    Path password = secretFile("password", PASSWORD, "rw-------");

    assertThatThrownBy(
            () ->
                settings(
                    Map.of(
                        "basicAuthUser", "alice",
                        "basicAuthPasswordFile", password.toString(),
                        "bearerTokenEnv", "PROM_TOKEN"),
                    Map.of("PROM_TOKEN", TOKEN)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("bearerTokenEnv=\"environment variable PROM_TOKEN\" is invalid")
        .hasMessageContaining("remove one of them")
        .hasMessageNotContaining(TOKEN)
        .hasMessageNotContaining(PASSWORD);
  }

  @Test
  void userWithoutPasswordIsRejected() {
    assertThatThrownBy(() -> settings(Map.of("basicAuthUser", "alice"), Map.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "org.slurmscope.prometheus: basicAuthUser=\"alice\" is invalid: basic authentication"
                + " needs a password: set basicAuthPasswordFile or basicAuthPasswordEnv");
  }

  @Test
  void malformedHeaderEntryIsRejected() {
    assertThatThrownBy(() -> settings(Map.of("headers", "X-Scope-OrgID team-a"), Map.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("each entry must be Name: value, separated by ;");
  }

  @Test
  void secretWithLineBreakIsRejected() throws IOException {
    Path token = secretFile("token", "line-one\nline-two", "rw-------");

    assertThatThrownBy(() -> settings(Map.of("bearerTokenFile", token.toString()), Map.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("contains a line break")
        .hasMessageNotContaining("line-one");
  }

  // --- Failures that must not show the secret

  @Test
  void rejectedCredentialsNameTheKeysNotTheSecret() throws IOException {
    Path password = secretFile("password", PASSWORD, "rw-------");
    OkHttpPrometheusClient client =
        client(Map.of("basicAuthUser", "alice", "basicAuthPasswordFile", password.toString()));
    server.enqueue(new MockResponse().setResponseCode(401).setBody("Unauthorized\n"));

    assertThatThrownBy(() -> client.query("up", null))
        .isInstanceOf(PrometheusException.class)
        .hasMessageContaining("returned HTTP 401")
        .hasMessageContaining("the credentials were missing or rejected: check basicAuthUser")
        .hasMessageNotContaining(PASSWORD);
    assertThat(log.messages()).noneMatch(message -> message.contains(PASSWORD));
  }

  @Test
  void deletedSecretFileFailsTheRequestBeforeSending() throws Exception {
    Path token = secretFile("token", TOKEN, "rw-------");
    OkHttpPrometheusClient client = client(Map.of("bearerTokenFile", token.toString()));
    Files.delete(token);

    assertThatThrownBy(() -> client.query("up", null))
        .isInstanceOf(PrometheusException.class)
        .hasMessageStartingWith("bearerTokenFile=" + token + " in org.slurmscope.prometheus")
        .hasMessageContaining("so no request was sent")
        .extracting(e -> ((PrometheusException) e).errorType())
        .isEqualTo("config");
    assertThat(server.getRequestCount()).isZero();
  }

  @Test
  void descriptionNamesSourcesNotSecrets() throws IOException {
    Path password = secretFile("password", PASSWORD, "rw-------");
    ClientSettings settings =
        settings(
            Map.of(
                "basicAuthUser", "alice",
                "basicAuthPasswordFile", password.toString(),
                "headers", "X-Scope-OrgID: team-a"),
            Map.of());

    String description = settings.auth().describe();

    assertThat(description)
        .isEqualTo(
            "basic authentication as alice (password from file "
                + password
                + "); headers X-Scope-OrgID");
  }

  @Test
  void credentialsOverPlainHttpToAnotherHostWarn() {
    ClientSettings settings =
        Clients.settings(
            "http://prometheus.example.org:9090",
            Map.of("bearerTokenEnv", "PROM_TOKEN"),
            Map.of("PROM_TOKEN", TOKEN));

    clients.add(Clients.client(settings, log));

    assertThat(log.messages())
        .anyMatch(message -> message.startsWith("WARN Credentials for Prometheus at {}"));
  }
}
