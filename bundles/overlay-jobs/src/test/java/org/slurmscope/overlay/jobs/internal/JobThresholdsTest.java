package org.slurmscope.overlay.jobs.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.slurmscope.api.config.InvalidConfigurationException;
import org.slurmscope.api.console.Tone;

class JobThresholdsTest {

  @Test
  void defaultsColourMemoryNearTheRequest() {
    JobThresholds thresholds = JobThresholds.from(Map.of());

    assertThat(thresholds.memoryTone(79.9)).isEqualTo(Tone.GOOD);
    assertThat(thresholds.memoryTone(80)).isEqualTo(Tone.WARNING);
    assertThat(thresholds.memoryTone(95)).isEqualTo(Tone.CRITICAL);
    assertThat(thresholds.cpuTone(24.9)).isEqualTo(Tone.WARNING);
    assertThat(thresholds.cpuTone(25)).isEqualTo(Tone.GOOD);
  }

  @Test
  void warningAboveCriticalIsRejected() {
    assertThatThrownBy(
            () ->
                JobThresholds.from(
                    Map.of("memoryWarningPercent", "96", "memoryCriticalPercent", "90")))
        .isInstanceOf(InvalidConfigurationException.class)
        .hasMessage(
            "org.slurmscope.overlay.jobs: memoryWarningPercent=96 is invalid: it must not be above"
                + " memoryCriticalPercent=90.0");
  }

  @Test
  void percentageAboveHundredIsRejected() {
    assertThatThrownBy(() -> JobThresholds.from(Map.of("cpuLowPercent", "150")))
        .isInstanceOf(InvalidConfigurationException.class)
        .hasMessageStartingWith("org.slurmscope.overlay.jobs: cpuLowPercent=150 is invalid");
  }

  @Test
  void overlayRejectsInvalidChangeAndKeepsColumns() {
    TestLogger log = new TestLogger();
    JobMetricsOverlay overlay = new JobMetricsOverlay(log.logger(), Map.of());
    var before = overlay.jobColumns();

    assertThatThrownBy(() -> overlay.modified(Map.of("gpuLowPercent", "x")))
        .isInstanceOf(IllegalArgumentException.class);

    assertThat(overlay.jobColumns()).isSameAs(before);
    assertThat(log.messages()).anyMatch(message -> message.startsWith("WARN Rejected"));
  }
}
