package org.slurmscope.overlay.nodes.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.slurmscope.api.console.Tone;

class ThresholdsTest {

  private static Thresholds validate(Map<String, Object> values) {
    return Thresholds.validate(TestConfigs.create(NodeOverlayConfiguration.class, values));
  }

  @Test
  void defaultsAreEightyAndNinetyFive() {
    assertThat(validate(Map.of())).isEqualTo(new Thresholds(80, 95));
  }

  @Test
  void equalThresholdsAreAccepted() {
    Thresholds thresholds = validate(Map.of("warningPercent", 90.0, "criticalPercent", 90.0));

    assertThat(thresholds.tone(89.9)).isEqualTo(Tone.GOOD);
    assertThat(thresholds.tone(90)).isEqualTo(Tone.CRITICAL);
  }

  @ParameterizedTest
  @CsvSource({
    "warningPercent, -1.0",
    "warningPercent, 100.5",
    "criticalPercent, 101.0",
    "criticalPercent, NaN",
  })
  void outOfRangeIsRejected(String key, double value) {
    assertThatThrownBy(() -> validate(Map.of(key, value)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "org.slurmscope.overlay.nodes: "
                + key
                + "="
                + value
                + " is invalid: it must be a percentage between 0 and 100");
  }

  @Test
  void warningAboveCriticalIsRejected() {
    assertThatThrownBy(() -> validate(Map.of("warningPercent", 96.0)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "org.slurmscope.overlay.nodes: warningPercent=96.0 is invalid: it must not be above"
                + " criticalPercent=95.0");
  }
}
