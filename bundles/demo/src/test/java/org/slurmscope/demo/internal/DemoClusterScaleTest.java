package org.slurmscope.demo.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.slurmscope.api.metrics.MetricSnapshot;
import org.slurmscope.api.metrics.NodeMetrics;
import org.slurmscope.api.slurm.Job;
import org.slurmscope.api.slurm.Node;
import org.slurmscope.api.slurm.SlurmSnapshot;

/** The cluster builds at benchmark size; timing is measured elsewhere, not asserted here. */
class DemoClusterScaleTest {

  @Test
  void tenThousandNodesAndHundredThousandJobs() {
    DemoCluster cluster = new DemoCluster(42, 10_000, 100_000, "demo");

    SlurmSnapshot snapshot = cluster.snapshotAt(Samples.START);

    assertThat(snapshot.nodes()).hasSize(10_000);
    assertThat(snapshot.nodes()).extracting(Node::name).doesNotHaveDuplicates();
    assertThat(snapshot.nodes().get(0).name()).isEqualTo("cn0001");
    assertThat(snapshot.jobs()).hasSizeBetween(80_000, 120_000);
    assertThat(snapshot.jobs()).extracting(Job::id).doesNotHaveDuplicates();
    assertThat(snapshot.nodes()).allMatch(node -> node.cpusAllocated() <= node.cpusTotal());
  }

  @Test
  void tenThousandNodesHaveMetrics() {
    DemoCluster cluster = new DemoCluster(42, 10_000, 100_000, "demo");

    MetricSnapshot metrics = cluster.metricsAt(Samples.START, DemoCluster.METRICS);

    assertThat(metrics.results().get(NodeMetrics.CPU_PERCENT).values())
        .hasSizeBetween(9_000, 10_000);
  }

  @Test
  void invalidSizesAreRejected() {
    assertThatThrownBy(() -> new DemoCluster(42, 0, 10, "demo")).hasMessageContaining("node count");
    assertThatThrownBy(() -> new DemoCluster(42, 10, -1, "demo")).hasMessageContaining("job count");
    assertThatThrownBy(() -> new DemoCluster(42, 10, 10, " ")).hasMessageContaining("cluster name");
  }
}
