package org.slurmscope.demo.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.slurmscope.api.metrics.MetricSnapshot;
import org.slurmscope.api.metrics.NodeMetrics;
import org.slurmscope.api.slurm.SlurmSnapshot;

class DemoSourcesTest {

  @Test
  void slurmSourceShowsTheClusterNow() throws InterruptedException {
    DemoSlurmSource source = new DemoSlurmSource();
    source.provider = provider(Map.of("clusterName", "lab"));

    Instant before = Instant.now();
    SlurmSnapshot snapshot = source.fetch();
    Instant after = Instant.now();

    assertThat(snapshot.cluster()).isEqualTo("lab");
    assertThat(snapshot.fetchedAt()).isBetween(before, after);
    assertThat(snapshot.nodes()).hasSize(64);
  }

  @Test
  void metricSourceShowsTheClusterNow() throws InterruptedException {
    DemoMetricSource source = new DemoMetricSource();
    source.provider = provider(Map.of());

    Instant before = Instant.now();
    MetricSnapshot metrics = source.fetch(Set.of(NodeMetrics.CPU_PERCENT, "node.temperature"));
    Instant after = Instant.now();

    assertThat(metrics.fetchedAt()).isBetween(before, after);
    assertThat(metrics.results()).containsOnlyKeys(NodeMetrics.CPU_PERCENT);
    assertThat(metrics.errors()).containsOnlyKeys("node.temperature");
  }

  @Test
  void bothSourcesDescribeOneCluster() throws InterruptedException {
    DemoClusterProvider provider = provider(Map.of());
    DemoSlurmSource slurm = new DemoSlurmSource();
    slurm.provider = provider;
    DemoMetricSource metrics = new DemoMetricSource();
    metrics.provider = provider;

    SlurmSnapshot snapshot = slurm.fetch();
    MetricSnapshot values = metrics.fetch(Set.of(NodeMetrics.LOAD1));

    for (var node : snapshot.nodes()) {
      boolean down = node.state().base().equals("DOWN");
      assertThat(values.value(NodeMetrics.LOAD1, node.name()).isPresent())
          .as(node.name())
          .isEqualTo(!down);
    }
  }

  @Test
  void fetchWaitsForTheConfiguredLatency() throws InterruptedException {
    DemoSlurmSource source = new DemoSlurmSource();
    source.provider = provider(Map.of("latencyMillis", "100"));

    Instant before = Instant.now();
    source.fetch();

    assertThat(Duration.between(before, Instant.now()))
        .isGreaterThanOrEqualTo(Duration.ofMillis(100));
  }

  private static DemoClusterProvider provider(Map<String, ?> properties) {
    DemoClusterProvider provider = new DemoClusterProvider();
    provider.configure(properties);
    return provider;
  }
}
