package org.slurmscope.query.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.slurmscope.api.metrics.MetricSnapshot;
import org.slurmscope.api.metrics.MetricSourceException;
import org.slurmscope.api.metrics.NodeMetrics;
import org.slurmscope.api.prometheus.PrometheusException;

class PrometheusMetricSourceTest {

  private static final Set<String> NODE_METRICS =
      Set.of(NodeMetrics.CPU_PERCENT, NodeMetrics.MEMORY_PERCENT, NodeMetrics.LOAD1);
  private static final String CPU_QUERY =
      "100 * (1 - avg by (instance) (rate(node_cpu_seconds_total{mode=\"idle\"}[1m])))";
  private static final String LOAD_QUERY = "max by (instance) (node_load1)";

  private final FakePrometheusClient prometheus = new FakePrometheusClient();
  private final TestLogger log = new TestLogger();

  private PrometheusMetricSource source(Map<String, Object> values) {
    return new PrometheusMetricSource(prometheus, log.logger(), values);
  }

  private static List<String> instances(int count) {
    List<String> instances = new ArrayList<>(count);
    for (int i = 1; i <= count; i++) {
      instances.add(String.format("node%05d:9100", i));
    }
    return instances;
  }

  private static PrometheusException unreachable() {
    return new PrometheusException(
        "connection",
        "Prometheus at http://prometheus.test:9090 is not reachable (Connection refused): check url"
            + " in org.slurmscope.prometheus and that the server is running");
  }

  @ParameterizedTest
  @ValueSource(ints = {10, 10_000})
  void oneQueryPerMetricWhateverTheNodeCount(int nodes) throws Exception {
    prometheus.answerAll(FakePrometheusClient.vector(instances(nodes), 42.0));

    MetricSnapshot snapshot = source(Map.of()).fetch(NODE_METRICS);

    assertThat(prometheus.queries()).hasSize(3);
    assertThat(snapshot.results()).hasSize(3);
    assertThat(snapshot.results().get(NodeMetrics.CPU_PERCENT).values()).hasSize(nodes);
    assertThat(snapshot.value(NodeMetrics.LOAD1, String.format("node%05d", nodes))).hasValue(42.0);
    assertThat(snapshot.errors()).isEmpty();
  }

  @Test
  void queriesGoOutInMetricNameOrder() throws Exception {
    source(Map.of("nodeLoad1Query", "node_load1{cluster=\"a\"}")).fetch(NODE_METRICS);

    assertThat(prometheus.queries())
        .containsExactly(
            CPU_QUERY,
            "node_load1{cluster=\"a\"}",
            "100 * (1 - max by (instance) (node_memory_MemAvailable_bytes)"
                + " / max by (instance) (node_memory_MemTotal_bytes))");
  }

  @Test
  void onlyRequestedMetricsAreQueried() throws Exception {
    MetricSnapshot snapshot = source(Map.of()).fetch(Set.of(NodeMetrics.LOAD1));

    assertThat(prometheus.queries()).containsExactly(LOAD_QUERY);
    assertThat(snapshot.results()).containsOnlyKeys(NodeMetrics.LOAD1);
  }

  @Test
  void failedQueryFailsOnlyItsMetric() throws Exception {
    prometheus
        .answerAll(FakePrometheusClient.vector(List.of("node01:9100"), 0.5))
        .fail(
            CPU_QUERY,
            new PrometheusException(
                "bad_data",
                "Prometheus at http://prometheus.test:9090/api/v1/query returned HTTP 400,"
                    + " bad_data: invalid parameter \"query\": 1:32: parse error: unclosed left"
                    + " parenthesis"));

    MetricSnapshot snapshot = source(Map.of()).fetch(NODE_METRICS);

    assertThat(snapshot.errors())
        .containsOnlyKeys(NodeMetrics.CPU_PERCENT)
        .containsEntry(
            NodeMetrics.CPU_PERCENT,
            "nodeCpuPercentQuery in org.slurmscope.query failed: Prometheus at"
                + " http://prometheus.test:9090/api/v1/query returned HTTP 400, bad_data: invalid"
                + " parameter \"query\": 1:32: parse error: unclosed left parenthesis");
    assertThat(snapshot.results()).containsOnlyKeys(NodeMetrics.MEMORY_PERCENT, NodeMetrics.LOAD1);
    assertThat(snapshot.value(NodeMetrics.LOAD1, "node01")).hasValue(0.5);
  }

  @Test
  void oneUnreachableQueryIsNotASourceFailure() throws Exception {
    prometheus.fail(LOAD_QUERY, unreachable());

    MetricSnapshot snapshot = source(Map.of()).fetch(NODE_METRICS);

    assertThat(snapshot.errors()).containsOnlyKeys(NodeMetrics.LOAD1);
    assertThat(snapshot.results())
        .containsOnlyKeys(NodeMetrics.CPU_PERCENT, NodeMetrics.MEMORY_PERCENT);
  }

  @Test
  void everyQueryUnreachableFailsTheSource() {
    PrometheusMetricSource source = source(Map.of());
    prometheus.failAll(unreachable());

    assertThatThrownBy(() -> source.fetch(NODE_METRICS))
        .isInstanceOf(MetricSourceException.class)
        .hasMessage(unreachable().getMessage())
        .hasCauseInstanceOf(PrometheusException.class);
  }

  @Test
  void everyQueryRejectedIsNotASourceFailure() throws Exception {
    PrometheusException rejected = new PrometheusException("bad_data", "HTTP 400, bad_data: x");
    PrometheusMetricSource source = source(Map.of());
    prometheus.failAll(rejected);

    MetricSnapshot snapshot = source.fetch(NODE_METRICS);

    assertThat(snapshot.errors()).hasSize(3);
    assertThat(snapshot.results()).isEmpty();
  }

  @Test
  void unknownMetricIsAnErrorWithoutQuery() throws Exception {
    MetricSnapshot snapshot = source(Map.of()).fetch(Set.of("job.cpu.percent"));

    assertThat(prometheus.queries()).isEmpty();
    assertThat(snapshot.errors().get("job.cpu.percent"))
        .startsWith(
            "unknown metric job.cpu.percent: the Prometheus metric source provides"
                + " gpu.memory.bytes, gpu.utilization.percent, job.cpu.cores,")
        .endsWith("node.up");
  }

  @Test
  void duplicateMappingWarnsInTheResult() throws Exception {
    prometheus.answer(
        LOAD_QUERY,
        FakePrometheusClient.vector(
            List.of("node01.cluster.example.org:9100", "node01.ipmi.example.org:9100"), 1.0));

    MetricSnapshot snapshot =
        source(Map.of("domainMode", "short")).fetch(Set.of(NodeMetrics.LOAD1));

    assertThat(snapshot.results().get(NodeMetrics.LOAD1).warnings())
        .containsExactly(
            "series instance=\"node01.cluster.example.org:9100\" and"
                + " instance=\"node01.ipmi.example.org:9100\" both map to node node01: kept the"
                + " first");
  }

  @Test
  void domainSuffixIsStripped() throws Exception {
    prometheus.answerAll(
        FakePrometheusClient.vector(List.of("node01.cluster.example.org:9100"), 12.5));

    MetricSnapshot snapshot =
        source(Map.of("domainMode", "strip-suffix", "nodeDomain", ".cluster.example.org"))
            .fetch(Set.of(NodeMetrics.CPU_PERCENT));

    assertThat(snapshot.value(NodeMetrics.CPU_PERCENT, "node01")).hasValue(12.5);
  }

  @Test
  void modifiedConfigurationAppliesToNextFetch() throws Exception {
    PrometheusMetricSource source = source(Map.of());

    source.modified(Map.of("nodeLoad1Query", "node_load1"));
    source.fetch(Set.of(NodeMetrics.LOAD1));

    assertThat(prometheus.queries()).containsExactly("node_load1");
  }

  @Test
  void invalidModificationKeepsPreviousQueries() throws Exception {
    PrometheusMetricSource source = source(Map.of());

    assertThatThrownBy(() -> source.modified(Map.of("nodeLabel", "1abc")))
        .isInstanceOf(IllegalArgumentException.class);
    source.fetch(Set.of(NodeMetrics.LOAD1));

    assertThat(prometheus.queries()).containsExactly(LOAD_QUERY);
    assertThat(log.messages()).anyMatch(message -> message.startsWith("WARN Rejected"));
  }

  @Test
  void invalidConfigurationFailsActivation() {
    assertThatThrownBy(() -> source(Map.of("domainMode", "FQDN")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("org.slurmscope.query: domainMode=FQDN is invalid");
  }
}
