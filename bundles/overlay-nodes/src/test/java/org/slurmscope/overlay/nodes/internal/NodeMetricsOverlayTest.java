package org.slurmscope.overlay.nodes.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.slurmscope.api.console.Tone;
import org.slurmscope.api.metrics.MetricResult;
import org.slurmscope.api.metrics.MetricSnapshot;
import org.slurmscope.api.metrics.NodeMetrics;
import org.slurmscope.api.slurm.Node;
import org.slurmscope.api.slurm.NodeState;
import org.slurmscope.api.state.ClusterState;
import org.slurmscope.api.state.SourceStatus;

class NodeMetricsOverlayTest {

  private static final Instant NOW = Instant.parse("2026-12-04T10:30:38Z");
  private static final Node NODE01 = Node.builder("node01", NodeState.of("IDLE")).build();

  private final TestLogger log = new TestLogger();

  private NodeMetricsOverlay overlay(Map<String, Object> values) {
    return new NodeMetricsOverlay(
        log.logger(), TestConfigs.create(NodeOverlayConfiguration.class, values));
  }

  private static ClusterState cpuAt(double percent) {
    MetricResult result =
        new MetricResult(NodeMetrics.CPU_PERCENT, Map.of("node01", percent), "", List.of());
    return new ClusterState(
        1,
        NOW,
        null,
        SourceStatus.loading("cli"),
        new MetricSnapshot(NOW, Map.of(NodeMetrics.CPU_PERCENT, result), Map.of()),
        SourceStatus.loading("prometheus"));
  }

  private static Tone cpuTone(NodeMetricsOverlay overlay, double percent) {
    return overlay.nodeColumns().get(0).cell(NODE01, cpuAt(percent)).tone();
  }

  @Test
  void overlayDeclaresIdAndNodeMetrics() {
    NodeMetricsOverlay overlay = overlay(Map.of());

    assertThat(overlay.id()).isEqualTo("node-metrics");
    assertThat(overlay.metrics())
        .containsExactlyInAnyOrder(
            NodeMetrics.CPU_PERCENT, NodeMetrics.MEMORY_PERCENT, NodeMetrics.LOAD1);
    assertThat(overlay.nodeColumns()).hasSize(3);
    assertThat(overlay.jobColumns()).isEmpty();
  }

  @Test
  void modifiedThresholdsRecolourCells() {
    NodeMetricsOverlay overlay = overlay(Map.of());
    assertThat(cpuTone(overlay, 70)).isEqualTo(Tone.GOOD);

    overlay.modified(
        TestConfigs.create(
            NodeOverlayConfiguration.class,
            Map.of("warningPercent", 60.0, "criticalPercent", 90.0)));

    assertThat(cpuTone(overlay, 70)).isEqualTo(Tone.WARNING);
  }

  @Test
  void invalidModificationKeepsPreviousThresholds() {
    NodeMetricsOverlay overlay = overlay(Map.of());

    assertThatThrownBy(
            () ->
                overlay.modified(
                    TestConfigs.create(
                        NodeOverlayConfiguration.class, Map.of("criticalPercent", 50.0))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "org.slurmscope.overlay.nodes: warningPercent=80.0 is invalid: it must not be above"
                + " criticalPercent=50.0");

    assertThat(cpuTone(overlay, 70)).isEqualTo(Tone.GOOD);
    assertThat(log.messages()).anyMatch(message -> message.startsWith("WARN Rejected"));
  }

  @Test
  void invalidConfigurationFailsActivation() {
    assertThatThrownBy(() -> overlay(Map.of("warningPercent", 150.0)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("org.slurmscope.overlay.nodes: warningPercent=150.0 is invalid");
  }
}
