package org.slurmscope.demo.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.slurmscope.api.slurm.SlurmSnapshot;

class DemoClusterDeterminismTest {

  @Test
  void sameSeedAndTimeGiveEqualSnapshots() {
    DemoCluster first = Samples.defaultCluster();
    DemoCluster second = Samples.defaultCluster();

    for (Instant moment : Samples.MOMENTS) {
      assertThat(second.snapshotAt(moment)).isEqualTo(first.snapshotAt(moment));
    }
  }

  @Test
  void sameSeedAndTimeGiveEqualMetrics() {
    DemoCluster first = Samples.defaultCluster();
    DemoCluster second = Samples.defaultCluster();

    for (Instant moment : Samples.MOMENTS) {
      assertThat(second.metricsAt(moment, DemoCluster.METRICS))
          .isEqualTo(first.metricsAt(moment, DemoCluster.METRICS));
    }
  }

  @Test
  void repeatedCallsGiveEqualSnapshots() {
    DemoCluster cluster = Samples.defaultCluster();

    SlurmSnapshot before = cluster.snapshotAt(Samples.START);
    cluster.snapshotAt(Samples.MOMENTS.get(3));
    cluster.metricsAt(Samples.MOMENTS.get(4), DemoCluster.METRICS);

    assertThat(cluster.snapshotAt(Samples.START)).isEqualTo(before);
  }

  @Test
  void differentSeedGivesDifferentJobs() {
    SlurmSnapshot seed42 = Samples.defaultCluster().snapshotAt(Samples.START);
    SlurmSnapshot seed43 = new DemoCluster(43, 64, 300, "demo").snapshotAt(Samples.START);

    assertThat(seed43.jobs()).isNotEqualTo(seed42.jobs());
    assertThat(seed43.nodes()).isNotEqualTo(seed42.nodes());
  }

  @Test
  void snapshotCarriesNameVersionAndTime() {
    SlurmSnapshot snapshot = new DemoCluster(42, 64, 300, "lab").snapshotAt(Samples.START);

    assertThat(snapshot.cluster()).isEqualTo("lab");
    assertThat(snapshot.slurmVersion()).contains("demo");
    // No API format is involved, so none is claimed.
    assertThat(snapshot.apiVersion()).isNull();
    assertThat(snapshot.fetchedAt()).isEqualTo(Samples.START);
    assertThat(snapshot.warnings()).isEmpty();
  }
}
