package org.slurmscope.prometheus.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class PrometheusClientComponentTest {

  private final TestLogger log = new TestLogger();
  private PrometheusClientComponent component;

  private PrometheusClientComponent activate(Map<String, Object> values) {
    component =
        new PrometheusClientComponent(
            log.logger(), TestConfigs.create(PrometheusConfiguration.class, values));
    return component;
  }

  private static PrometheusConfiguration config(Map<String, Object> values) {
    return TestConfigs.create(PrometheusConfiguration.class, values);
  }

  @AfterEach
  void deactivate() {
    if (component != null) {
      component.deactivate();
    }
  }

  @Test
  void withoutConfigurationUsesLocalPrometheus() {
    activate(Map.of());

    assertThat(component.baseUrl()).isEqualTo("http://localhost:9090");
  }

  @Test
  void invalidConfigurationFailsActivation() {
    assertThatThrownBy(() -> activate(Map.of("url", "localhost:9090")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("org.slurmscope.prometheus: url=\"localhost:9090\" is invalid");
  }

  @Test
  void modifiedConfigurationReplacesTheClient() {
    activate(Map.of());
    OkHttpPrometheusClient before = component.currentClient();

    component.modified(
        config(Map.of("url", "http://prometheus.example.org:9090", "readTimeoutMillis", 30000)));

    assertThat(component.currentClient()).isNotSameAs(before);
    assertThat(component.baseUrl()).isEqualTo("http://prometheus.example.org:9090");
    assertThat(component.currentClient().settings().readTimeout().toMillis()).isEqualTo(30000);
  }

  @Test
  void invalidModificationKeepsTheLastGoodClient() {
    activate(Map.of("url", "http://prometheus.example.org:9090"));
    OkHttpPrometheusClient before = component.currentClient();

    assertThatThrownBy(() -> component.modified(config(Map.of("callTimeoutMillis", 0))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("callTimeoutMillis=0 is invalid");

    assertThat(component.currentClient()).isSameAs(before);
    assertThat(component.baseUrl()).isEqualTo("http://prometheus.example.org:9090");
    assertThat(log.messages()).anyMatch(message -> message.startsWith("WARN Rejected"));
  }

  @Test
  void insecureSwitchWarnsAtEveryStart() {
    Map<String, Object> insecure =
        Map.of("url", "https://prometheus.example.org:9090", "tlsInsecureSkipVerify", true);
    activate(insecure);

    component.modified(config(insecure));

    assertThat(log.messages())
        .filteredOn(message -> message.startsWith("WARN tlsInsecureSkipVerify=true"))
        .hasSize(2);
  }

  @Test
  void reconfigurationKeepsTheSharedConnectionPool() {
    activate(Map.of());
    OkHttpPrometheusClient before = component.currentClient();

    component.modified(config(Map.of("maxConcurrentRequests", 8, "readTimeoutMillis", 30000)));

    OkHttpPrometheusClient after = component.currentClient();
    assertThat(after).isNotSameAs(before);
    assertThat(after.settings().limits().maxConcurrentRequests()).isEqualTo(8);
    assertThat(after.http().readTimeoutMillis()).isEqualTo(30000);
    assertThat(after.http().connectionPool()).isSameAs(before.http().connectionPool());
    assertThat(after.http().dispatcher()).isSameAs(before.http().dispatcher());
  }
}
