package org.slurmscope.cache.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.slurmscope.api.config.InvalidConfigurationException;

class CacheSettingsTest {

  @Test
  void defaultsKeepAnHourOfMinutes() {
    CacheSettings settings = CacheSettings.from(Map.of());

    assertThat(settings.ttl()).isEqualTo(Duration.ofSeconds(15));
    assertThat(settings.refreshAheadPercent()).isEqualTo(80);
    assertThat(settings.maxBytes()).isEqualTo(64L * 1024 * 1024);
    assertThat(settings.historySteps()).isEqualTo(60);
    assertThat(settings.historyStep()).isEqualTo(Duration.ofMinutes(1));
  }

  @Test
  void metricTtlIsReadPerMetric() {
    CacheSettings settings =
        CacheSettings.from(Map.of("metricTtlSeconds", "job.memory.peak.bytes=60,node.up = 5"));

    assertThat(settings.ttlOf("job.memory.peak.bytes")).isEqualTo(Duration.ofSeconds(60));
    assertThat(settings.ttlOf("node.up")).isEqualTo(Duration.ofSeconds(5));
    assertThat(settings.ttlOf("node.load1")).isEqualTo(Duration.ofSeconds(15));
  }

  @Test
  void malformedMetricTtlIsRejected() {
    assertThatThrownBy(() -> CacheSettings.from(Map.of("metricTtlSeconds", "node.up:5")))
        .isInstanceOf(InvalidConfigurationException.class)
        .hasMessage(
            "org.slurmscope.cache: metricTtlSeconds=node.up:5 is invalid: it must be"
                + " metric=seconds pairs separated by commas, each 1 to 86400 seconds, such as"
                + " job.memory.peak.bytes=60; \"node.up:5\" is not one");
  }

  @Test
  void zeroTtlIsRejected() {
    assertThatThrownBy(() -> CacheSettings.from(Map.of("ttlSeconds", "0")))
        .isInstanceOf(InvalidConfigurationException.class)
        .hasMessage("org.slurmscope.cache: ttlSeconds=0 is invalid: it must be between 1 and 3600");
  }

  @Test
  void tinyMemoryBoundIsRejected() {
    assertThatThrownBy(() -> CacheSettings.from(Map.of("maxBytes", "1000")))
        .isInstanceOf(InvalidConfigurationException.class)
        .hasMessageStartingWith("org.slurmscope.cache: maxBytes=1000 is invalid");
  }
}
