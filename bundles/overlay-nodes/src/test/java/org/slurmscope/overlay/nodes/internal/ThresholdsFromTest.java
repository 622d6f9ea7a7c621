package org.slurmscope.overlay.nodes.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.slurmscope.api.config.InvalidConfigurationException;

class ThresholdsFromTest {

  @Test
  void cfgStringsRead() {
    Thresholds thresholds =
        Thresholds.from(Map.of("warningPercent", "70", "criticalPercent", "90.5"));

    assertThat(thresholds.warningPercent()).isEqualTo(70.0);
    assertThat(thresholds.criticalPercent()).isEqualTo(90.5);
  }

  @Test
  void defaultsWithoutValues() {
    assertThat(Thresholds.from(Map.of())).isEqualTo(new Thresholds(80, 95));
  }

  @Test
  void percentAboveHundredRejected() {
    assertThatThrownBy(() -> Thresholds.from(Map.of("warningPercent", "500")))
        .isInstanceOf(InvalidConfigurationException.class)
        .hasMessageContaining("org.slurmscope.overlay.nodes: warningPercent=500");
  }

  @Test
  void warningAboveCriticalRejected() {
    assertThatThrownBy(
            () -> Thresholds.from(Map.of("warningPercent", "90", "criticalPercent", "85")))
        .hasMessageContaining("warningPercent=90")
        .hasMessageContaining("criticalPercent=85");
  }
}
