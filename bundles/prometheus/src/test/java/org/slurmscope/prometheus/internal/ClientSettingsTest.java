package org.slurmscope.prometheus.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ClientSettingsTest {

  private static ClientSettings validate(Map<String, Object> values) {
    return ClientSettings.validate(TestConfigs.create(PrometheusConfiguration.class, values));
  }

  @Test
  void defaultsAreValid() {
    ClientSettings settings = validate(Map.of());

    assertThat(settings.displayUrl()).isEqualTo("http://localhost:9090");
    assertThat(settings.connectTimeout()).isEqualTo(Duration.ofMillis(2000));
    assertThat(settings.readTimeout()).isEqualTo(Duration.ofMillis(10000));
    assertThat(settings.callTimeout()).isEqualTo(Duration.ofMillis(15000));
  }

  @Test
  void queryEndpointIsUnderTheBaseUrl() {
    ClientSettings settings = validate(Map.of("url", "http://localhost:9090"));

    assertThat(settings.endpoint("api/v1/query").toString())
        .isEqualTo("http://localhost:9090/api/v1/query");
  }

  @Test
  void pathPrefixIsKept() {
    ClientSettings withSlash = validate(Map.of("url", "https://metrics.example.org/prometheus/"));
    ClientSettings withoutSlash = validate(Map.of("url", "https://metrics.example.org/prometheus"));

    assertThat(withSlash.endpoint("api/v1/query").toString())
        .isEqualTo("https://metrics.example.org/prometheus/api/v1/query");
    assertThat(withoutSlash.endpoint("api/v1/query").toString())
        .isEqualTo("https://metrics.example.org/prometheus/api/v1/query");
    assertThat(withSlash.displayUrl()).isEqualTo("https://metrics.example.org/prometheus");
  }

  @Test
  void surroundingSpacesAreIgnored() {
    ClientSettings settings = validate(Map.of("url", "  http://127.0.0.1:9090  "));

    assertThat(settings.displayUrl()).isEqualTo("http://127.0.0.1:9090");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "''                                  | it must be the server's base URL",
        "localhost:9090                      | absolute http:// or https:// URL",
        "ftp://localhost:9090                | absolute http:// or https:// URL",
        "/prometheus                         | absolute http:// or https:// URL",
        "http://localhost:9090/?job=node     | must not contain a query string",
        "http://localhost:9090/#graph        | must not contain a fragment",
      })
  void invalidUrlIsRejectedWithPidKeyValueAndRule(String url, String rule) {
    assertThatThrownBy(() -> validate(Map.of("url", url)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("org.slurmscope.prometheus: url=\"" + url + "\" is invalid: ")
        .hasMessageContaining(rule);
  }

  @Test
  void passwordInUrlIsNotQuoted() {
    assertThatThrownBy(() -> validate(Map.of("url", "http://alice:s3cret@localhost:9090")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("url=\"http://***@localhost:9090\"")
        .hasMessageContaining("must not contain a user name or password")
        .hasMessageNotContaining("s3cret")
        .hasMessageNotContaining("alice");
  }

  @ParameterizedTest
  @CsvSource({
    "connectTimeoutMillis, 0",
    "connectTimeoutMillis, -1",
    "readTimeoutMillis, 0",
    "callTimeoutMillis, -15000",
  })
  void nonPositiveTimeoutIsRejected(String key, int value) {
    assertThatThrownBy(() -> validate(Map.of(key, value)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "org.slurmscope.prometheus: "
                + key
                + "="
                + value
                + " is invalid: it must be a positive number of milliseconds");
  }

  @Test
  void defaultsPressLightlyOnTheServer() {
    ClientSettings settings = validate(Map.of());

    assertThat(settings.retry().maxAttempts()).isEqualTo(3);
    assertThat(settings.retry().initialBackoff()).isEqualTo(Duration.ofMillis(200));
    assertThat(settings.retry().maxBackoff()).isEqualTo(Duration.ofMillis(5000));
    assertThat(settings.breaker().failureThreshold()).isEqualTo(5);
    assertThat(settings.breaker().openDuration()).isEqualTo(Duration.ofSeconds(30));
    assertThat(settings.limits().maxConcurrentRequests()).isEqualTo(4);
    assertThat(settings.limits().maxRequestsPerSecond()).isEqualTo(10.0);
    assertThat(settings.limits().maxResponseBytes()).isEqualTo(32 * 1024 * 1024);
    assertThat(settings.auth().describe()).isEqualTo("no authentication");
    assertThat(settings.tls().insecure()).isFalse();
    assertThat(settings.audit().enabled()).isFalse();
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "retryMaxAttempts          | 0       | it must be a count from 1 to 10",
        "retryMaxAttempts          | 11      | it must be a count from 1 to 10",
        "retryInitialBackoffMillis | 0       | it must be milliseconds from 1 to 60000",
        "breakerFailureThreshold   | 0       | it must be a count from 1 to 1000",
        "breakerOpenSeconds        | 3601    | it must be seconds from 1 to 3600",
        "maxConcurrentRequests     | 65      | it must be a count from 1 to 64",
        "maxResponseBytes          | 100     | it must be a size in bytes from 1024 to 1073741824",
      })
  void outOfRangeCountIsRejected(String key, int value, String rule) {
    assertThatThrownBy(() -> validate(Map.of(key, value)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("org.slurmscope.prometheus: " + key + "=" + value + " is invalid: " + rule);
  }

  @Test
  void maxBackoffBelowInitialBackoffIsRejected() {
    assertThatThrownBy(
            () -> validate(Map.of("retryInitialBackoffMillis", 500, "retryMaxBackoffMillis", 100)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("org.slurmscope.prometheus: retryMaxBackoffMillis=100 is invalid")
        .hasMessageContaining("at least retryInitialBackoffMillis");
  }

  @ParameterizedTest
  @CsvSource({"0", "-1", "1001", "NaN"})
  void requestRateOutsideRangeIsRejected(double rate) {
    assertThatThrownBy(() -> validate(Map.of("maxRequestsPerSecond", rate)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "org.slurmscope.prometheus: maxRequestsPerSecond="
                + rate
                + " is invalid: it must be a number of requests per second from 0.01 to 1000");
  }

  @Test
  void relativeAuditLogFileIsRejected() {
    assertThatThrownBy(() -> validate(Map.of("auditLog", true, "auditLogFile", "audit.log")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith(
            "org.slurmscope.prometheus: auditLogFile=\"audit.log\" is invalid: it must be an"
                + " absolute path");
  }

  @Test
  void backoffDoublesUpToTheMaximumWithJitter() {
    ClientSettings.Retry retry = validate(Map.of()).retry();

    assertThat(retry.backoff(1, () -> 0.0)).isEqualTo(Duration.ofMillis(100));
    assertThat(retry.backoff(1, () -> 0.9999999)).isEqualTo(Duration.ofMillis(200));
    assertThat(retry.backoff(2, () -> 0.9999999)).isEqualTo(Duration.ofMillis(400));
    assertThat(retry.backoff(3, () -> 0.0)).isEqualTo(Duration.ofMillis(400));
    assertThat(retry.backoff(9, () -> 0.9999999)).isEqualTo(Duration.ofMillis(5000));
  }
}
