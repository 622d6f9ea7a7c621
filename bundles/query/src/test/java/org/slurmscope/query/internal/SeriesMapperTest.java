package org.slurmscope.query.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.slurmscope.api.metrics.MetricResult;
import org.slurmscope.api.metrics.NodeMetrics;
import org.slurmscope.api.prometheus.QueryResult;
import org.slurmscope.api.prometheus.Sample;
import org.slurmscope.query.internal.SeriesMapper.UnusableResultException;

class SeriesMapperTest {

  private static final MetricQuery LOAD =
      new MetricQuery(NodeMetrics.LOAD1, "nodeLoad1Query", "max by (instance) (node_load1)");
  private static final SeriesMapper SHORT_NAMES =
      new SeriesMapper("instance", new NodeNameMapper(DomainMode.SHORT, ""));

  private static Sample sample(String instance, double value) {
    return new Sample(Map.of("instance", instance), 1796413438.075, value);
  }

  @Test
  void valuesAreKeyedByNodeName() throws Exception {
    QueryResult result =
        FakePrometheusClient.vector(
            List.of(sample("node01.cluster.example.org:9100", 0.85), sample("node02:9100", 0.78)));

    MetricResult mapped = SHORT_NAMES.map(LOAD, result);

    assertThat(mapped.metric()).isEqualTo(NodeMetrics.LOAD1);
    assertThat(mapped.values()).isEqualTo(Map.of("node01", 0.85, "node02", 0.78));
    assertThat(mapped.query()).isEqualTo("max by (instance) (node_load1)");
    assertThat(mapped.warnings()).isEmpty();
  }

  @Test
  void specialValuesAreKept() throws Exception {
    QueryResult result =
        FakePrometheusClient.vector(
            List.of(
                sample("a:9100", Double.NaN),
                sample("b:9100", Double.POSITIVE_INFINITY),
                sample("c:9100", Double.NEGATIVE_INFINITY)));

    MetricResult mapped = SHORT_NAMES.map(LOAD, result);

    assertThat(mapped.values().get("a")).isNaN();
    assertThat(mapped.values().get("b")).isEqualTo(Double.POSITIVE_INFINITY);
    assertThat(mapped.values().get("c")).isEqualTo(Double.NEGATIVE_INFINITY);
  }

  @Test
  void duplicateNodeKeepsFirstAndWarns() throws Exception {
    QueryResult result =
        FakePrometheusClient.vector(
            List.of(
                sample("node01.cluster.example.org:9100", 0.85),
                sample("node01.mgmt.example.org:9100", 7.0)));

    MetricResult mapped = SHORT_NAMES.map(LOAD, result);

    assertThat(mapped.values()).isEqualTo(Map.of("node01", 0.85));
    assertThat(mapped.warnings())
        .containsExactly(
            "series instance=\"node01.cluster.example.org:9100\" and"
                + " instance=\"node01.mgmt.example.org:9100\" both map to node node01: kept the"
                + " first");
  }

  @Test
  void manyDuplicatesAreListedUpToFive() throws Exception {
    List<Sample> samples = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      samples.add(sample("node01.rack" + i + ".example.org:9100", i));
    }

    MetricResult mapped = SHORT_NAMES.map(LOAD, FakePrometheusClient.vector(samples));

    assertThat(mapped.values()).isEqualTo(Map.of("node01", 0.0));
    assertThat(mapped.warnings()).hasSize(6);
    assertThat(mapped.warnings().get(5))
        .isEqualTo("2 more series map to a node that already has one");
  }

  @Test
  void seriesWithoutNodeLabelAreCounted() throws Exception {
    QueryResult result =
        FakePrometheusClient.vector(
            List.of(
                new Sample(Map.of("job", "node"), 1, 3.0),
                new Sample(Map.of(), 1, 4.0),
                sample("node01:9100", 0.5)));

    MetricResult mapped = SHORT_NAMES.map(LOAD, result);

    assertThat(mapped.values()).isEqualTo(Map.of("node01", 0.5));
    assertThat(mapped.warnings())
        .containsExactly(
            "2 series without the label instance skipped: nodeLoad1Query in org.slurmscope.query"
                + " must keep it, for example with by (instance)");
  }

  @Test
  void valueWithoutHostIsSkippedWithWarning() throws Exception {
    QueryResult result = FakePrometheusClient.vector(List.of(sample(":9100", 1)));

    MetricResult mapped = SHORT_NAMES.map(LOAD, result);

    assertThat(mapped.values()).isEmpty();
    assertThat(mapped.warnings())
        .containsExactly(
            "1 series skipped because their instance value leaves no node name: \":9100\"");
  }

  @Test
  void prometheusWarningsComeFirst() throws Exception {
    QueryResult result =
        new QueryResult(
            "vector",
            List.of(sample("node01:9100", 1)),
            List.of("partial response: store b is down"));

    MetricResult mapped = SHORT_NAMES.map(LOAD, result);

    assertThat(mapped.warnings()).containsExactly("partial response: store b is down");
  }

  @Test
  void otherNodeLabelIsRead() throws Exception {
    SeriesMapper byNodename = new SeriesMapper("nodename", new NodeNameMapper(DomainMode.KEEP, ""));
    QueryResult result =
        FakePrometheusClient.vector(
            List.of(new Sample(Map.of("instance", "10.0.0.7:9100", "nodename", "cn07"), 1, 2.5)));

    MetricResult mapped = byNodename.map(LOAD, result);

    assertThat(mapped.values()).isEqualTo(Map.of("cn07", 2.5));
  }

  @Test
  void scalarResultIsUnusable() {
    QueryResult scalar = new QueryResult("scalar", List.of(new Sample(Map.of(), 1, 5)), List.of());

    assertThatThrownBy(() -> SHORT_NAMES.map(LOAD, scalar))
        .isInstanceOf(UnusableResultException.class)
        .hasMessage(
            "nodeLoad1Query in org.slurmscope.query returned a scalar, not an instant vector with"
                + " one series per node: change the query");
  }
}
