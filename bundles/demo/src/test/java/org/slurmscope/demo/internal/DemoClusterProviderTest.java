package org.slurmscope.demo.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class DemoClusterProviderTest {

  @Test
  void configureBuildsTheConfiguredCluster() {
    DemoClusterProvider provider = new DemoClusterProvider();

    provider.configure(Map.of("nodes", "20", "jobs", "80", "clusterName", "lab"));

    assertThat(provider.cluster().nodeCount()).isEqualTo(20);
    assertThat(provider.cluster().jobCount()).isEqualTo(80);
    assertThat(provider.cluster().clusterName()).isEqualTo("lab");
  }

  @Test
  void invalidChangeKeepsTheLastGoodCluster() {
    DemoClusterProvider provider = new DemoClusterProvider();
    provider.configure(Map.of("nodes", "20"));
    DemoCluster good = provider.cluster();

    assertThatThrownBy(() -> provider.configure(Map.of("nodes", "0")))
        .hasMessageContaining("nodes = '0'");

    assertThat(provider.cluster()).isSameAs(good);
    assertThat(provider.settings().nodes()).isEqualTo(20);
  }

  @Test
  void latencyChangeKeepsTheCluster() {
    DemoClusterProvider provider = new DemoClusterProvider();
    provider.configure(Map.of());
    DemoCluster before = provider.cluster();

    provider.configure(Map.of("latencyMillis", "10"));

    assertThat(provider.cluster()).isSameAs(before);
    assertThat(provider.settings().latencyMillis()).isEqualTo(10);
  }

  @Test
  void latencyDelaysTheFetch() throws InterruptedException {
    DemoClusterProvider provider = new DemoClusterProvider();
    provider.configure(Map.of("nodes", "16", "latencyMillis", "50"));

    long started = System.nanoTime();
    provider.simulateLatency();
    long elapsedMillis = (System.nanoTime() - started) / 1_000_000;

    assertThat(elapsedMillis).isGreaterThanOrEqualTo(50);
  }
}
