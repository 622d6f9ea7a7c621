package org.slurmscope.state.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.slurmscope.api.config.InvalidConfigurationException;

class StateSettingsTest {

  @Test
  void defaultsWithoutValues() {
    StateSettings settings = StateSettings.from(Map.of());

    assertThat(settings.slurmSchedule().interval()).isEqualTo(Duration.ofSeconds(30));
    assertThat(settings.metricSchedule().interval()).isEqualTo(Duration.ofSeconds(15));
  }

  @Test
  void stringsFromCfgFileRead() {
    StateSettings settings =
        StateSettings.from(Map.of("slurmRefreshSeconds", " 5 ", "metricRefreshSeconds", "2"));

    assertThat(settings.slurmSchedule().interval()).isEqualTo(Duration.ofSeconds(5));
    assertThat(settings.metricSchedule().interval()).isEqualTo(Duration.ofSeconds(2));
  }

  @Test
  void zeroIntervalRejectedWithPidKeyValueAndRule() {
    assertThatThrownBy(() -> StateSettings.from(Map.of("slurmRefreshSeconds", "0")))
        .isInstanceOf(InvalidConfigurationException.class)
        .hasMessage(
            "org.slurmscope.state: slurmRefreshSeconds=0 is invalid: it must be between 1 and 3600");
  }

  @Test
  void wordRejected() {
    assertThatThrownBy(() -> StateSettings.from(Map.of("metricRefreshSeconds", "fast")))
        .hasMessageContaining("metricRefreshSeconds=fast")
        .hasMessageContaining("whole number");
  }
}
