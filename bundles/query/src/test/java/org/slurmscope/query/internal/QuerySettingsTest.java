package org.slurmscope.query.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.slurmscope.api.metrics.NodeMetrics;

class QuerySettingsTest {

  private static QuerySettings validate(Map<String, Object> values) {
    return QuerySettings.validate(TestConfigs.create(QueryConfiguration.class, values));
  }

  @Test
  void defaultsQueryEveryNodeMetric() {
    QuerySettings settings = validate(Map.of());

    assertThat(settings.queries())
        .containsOnlyKeys(NodeMetrics.CPU_PERCENT, NodeMetrics.MEMORY_PERCENT, NodeMetrics.LOAD1);
    assertThat(settings.query(NodeMetrics.CPU_PERCENT).promql())
        .isEqualTo(
            "100 * (1 - avg by (instance) (rate(node_cpu_seconds_total{mode=\"idle\"}[1m])))");
    assertThat(settings.query(NodeMetrics.MEMORY_PERCENT).promql())
        .isEqualTo(
            "100 * (1 - max by (instance) (node_memory_MemAvailable_bytes)"
                + " / max by (instance) (node_memory_MemTotal_bytes))");
    assertThat(settings.query(NodeMetrics.LOAD1).promql())
        .isEqualTo("max by (instance) (node_load1)");
    assertThat(settings.nodeLabel()).isEqualTo("instance");
    assertThat(settings.nodeNames()).isEqualTo(new NodeNameMapper(DomainMode.KEEP, ""));
  }

  @Test
  void queryKeepsItsConfigKeyForMessages() {
    QuerySettings settings = validate(Map.of("nodeLoad1Query", " node_load1{cluster=\"a\"} "));

    assertThat(settings.query(NodeMetrics.LOAD1))
        .isEqualTo(
            new MetricQuery(NodeMetrics.LOAD1, "nodeLoad1Query", "node_load1{cluster=\"a\"}"));
  }

  @Test
  void unknownMetricHasNoQuery() {
    assertThat(validate(Map.of()).query("job.cpu.percent")).isNull();
  }

  @Test
  void blankQueryIsRejected() {
    assertThatThrownBy(() -> validate(Map.of("nodeCpuPercentQuery", "  ")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "org.slurmscope.query: nodeCpuPercentQuery=\"  \" is invalid: it must be a PromQL"
                + " expression that returns one series per node");
  }

  @Test
  void invalidLabelNameIsRejected() {
    assertThatThrownBy(() -> validate(Map.of("nodeLabel", "node-name")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "org.slurmscope.query: nodeLabel=\"node-name\" is invalid: it must be a Prometheus"
                + " label name: a letter or _, then letters, digits or _");
  }

  @Test
  void otherLabelIsAccepted() {
    assertThat(validate(Map.of("nodeLabel", "nodename")).nodeLabel()).isEqualTo("nodename");
  }

  @Test
  void unknownDomainModeIsRejectedWithTheChoices() {
    assertThatThrownBy(() -> validate(Map.of("domainMode", "fqdn")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "org.slurmscope.query: domainMode=\"fqdn\" is invalid: it must be one of keep,"
                + " strip-suffix, short");
  }

  @Test
  void stripSuffixNeedsNodeDomain() {
    assertThatThrownBy(() -> validate(Map.of("domainMode", "strip-suffix")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "org.slurmscope.query: nodeDomain=\"\" is invalid: with domainMode=strip-suffix it"
                + " must be a domain such as .cluster.example.org");
  }

  @Test
  void nodeDomainWithoutStripSuffixIsRejected() {
    assertThatThrownBy(() -> validate(Map.of("nodeDomain", ".cluster.example.org")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith(
            "org.slurmscope.query: nodeDomain=\".cluster.example.org\" is invalid: it is only"
                + " used with domainMode=strip-suffix");
  }

  @Test
  void nodeDomainWithPortIsRejected() {
    assertThatThrownBy(
            () -> validate(Map.of("domainMode", "strip-suffix", "nodeDomain", "example.org:9100")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("org.slurmscope.query: nodeDomain=\"example.org:9100\" is invalid");
  }

  @Test
  void nodeDomainGetsLeadingDot() {
    QuerySettings settings =
        validate(Map.of("domainMode", "strip-suffix", "nodeDomain", "cluster.example.org"));

    assertThat(settings.nodeNames())
        .isEqualTo(new NodeNameMapper(DomainMode.STRIP_SUFFIX, ".cluster.example.org"));
  }
}
