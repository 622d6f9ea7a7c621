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
}
