package org.slurmscope.query.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.slurmscope.api.config.InvalidConfigurationException;
import org.slurmscope.api.metrics.GpuMetrics;
import org.slurmscope.api.metrics.JobMetrics;
import org.slurmscope.api.metrics.NodeMetrics;

class QuerySettingsTest {

  private static QuerySettings validate(Map<String, Object> values) {
    return QuerySettings.from(values);
  }

  @Test
  void defaultsExpandToThePromqlOfEachNodeMetric() {
    QuerySettings settings = validate(Map.of());

    assertThat(settings.query(NodeMetrics.CPU_PERCENT, JobDialect.AUTO).promql())
        .isEqualTo(
            "100 * (1 - avg by (instance) (rate(node_cpu_seconds_total{mode=\"idle\"}[1m])))");
    assertThat(settings.query(NodeMetrics.MEMORY_PERCENT, JobDialect.AUTO).promql())
        .isEqualTo(
            "100 * (1 - max by (instance) (node_memory_MemAvailable_bytes)"
                + " / max by (instance) (node_memory_MemTotal_bytes))");
    assertThat(settings.query(NodeMetrics.LOAD1, JobDialect.AUTO).promql())
        .isEqualTo("max by (instance) (node_load1)");
    assertThat(settings.query(NodeMetrics.UP, JobDialect.AUTO).kind())
        .isEqualTo(MetricKind.NODE_UP);
    assertThat(settings.nodeLabel()).isEqualTo("instance");
    assertThat(settings.nodeNames()).isEqualTo(new NodeNameMapper(DomainMode.KEEP, ""));
  }

  @Test
  void catalogueHasNodeJobAndGpuMetrics() {
    assertThat(validate(Map.of()).metrics())
        .contains(
            NodeMetrics.LOAD5,
            NodeMetrics.LOAD15,
            NodeMetrics.DISK_READ_BYTES_PER_SECOND,
            NodeMetrics.NETWORK_TRANSMIT_BYTES_PER_SECOND,
            NodeMetrics.TEMPERATURE_CELSIUS,
            NodeMetrics.FILESYSTEM_PERCENT,
            JobMetrics.CPU_CORES,
            JobMetrics.MEMORY_BYTES,
            JobMetrics.MEMORY_PEAK_BYTES,
            JobMetrics.GPU_UTILIZATION_PERCENT,
            GpuMetrics.UTILIZATION_PERCENT,
            GpuMetrics.MEMORY_BYTES)
        .doesNotContain(JobMetrics.IO_READ_BYTES_PER_SECOND);
  }

  @Test
  void parametersFillTheTemplates() {
    QuerySettings settings =
        validate(Map.of("nodeLabel", "host", "rateWindow", "2m", "peakWindow", "30m"));

    assertThat(settings.query(NodeMetrics.DISK_READ_BYTES_PER_SECOND, JobDialect.AUTO).promql())
        .isEqualTo("sum by (host) (rate(node_disk_read_bytes_total[2m]))");
    assertThat(settings.jobTemplates().get(JobMetrics.MEMORY_PEAK_BYTES))
        .isEqualTo("max_over_time(cgroup_memory_used_bytes[30m])");
  }

  @Test
  void clusterFilterReachesEverySelector() {
    QuerySettings settings = validate(Map.of("clusterLabel", "cluster", "clusterValue", "hpc1"));

    assertThat(settings.query(NodeMetrics.MEMORY_PERCENT, JobDialect.AUTO).promql())
        .isEqualTo(
            "100 * (1 - max by (instance) (node_memory_MemAvailable_bytes{cluster=\"hpc1\"})"
                + " / max by (instance) (node_memory_MemTotal_bytes{cluster=\"hpc1\"}))");
    assertThat(settings.query(JobMetrics.MEMORY_BYTES, JobDialect.CGROUP_INFO).promql())
        .isEqualTo(
            "sum by (jobid, instance) ((cgroup_memory_used_bytes{cluster=\"hpc1\"}) * on (cgroup,"
                + " instance) group_left (jobid) max by (cgroup, instance, jobid)"
                + " (cgroup_info{cluster=\"hpc1\",jobid!=\"\"}))");
  }

  @Test
  void clusterValueIsEscaped() {
    QuerySettings settings =
        validate(Map.of("clusterLabel", "cluster", "clusterValue", "a\"} or vector(1) #"));

    assertThat(settings.query(NodeMetrics.LOAD1, JobDialect.AUTO).promql())
        .isEqualTo("max by (instance) (node_load1{cluster=\"a\\\"} or vector(1) #\"})");
  }

  @Test
  void unameJoinWrapsNodeQueries() {
    QuerySettings settings = validate(Map.of("nodeUnameJoin", "true"));

    assertThat(settings.query(NodeMetrics.LOAD1, JobDialect.AUTO).promql())
        .isEqualTo(
            "(max by (instance) (node_load1)) * on (instance) group_left (nodename)"
                + " max by (instance, nodename) (node_uname_info)");
    assertThat(settings.nodeMappingLabel()).isEqualTo("nodename");
  }

  @Test
  void cgroupPathDialectSelectsJobLevelCgroups() {
    assertThat(validate(Map.of()).query(JobMetrics.MEMORY_BYTES, JobDialect.CGROUP_PATH).promql())
        .isEqualTo(
            "sum by (cgroup, instance) (cgroup_memory_used_bytes{cgroup=~\"/(slurm(_[^/]+)?"
                + "/uid_[0-9]+|system\\\\.slice/([^/]+_)?slurmstepd\\\\.scope)/job_[0-9]+/?\"})");
  }

  @Test
  void jobidDialectPrefersJobLevelSeries() {
    assertThat(validate(Map.of()).query(JobMetrics.MEMORY_BYTES, JobDialect.JOBID_LABEL).promql())
        .isEqualTo(
            "sum by (jobid, instance) (cgroup_memory_used_bytes{jobid!=\"\",step=\"\"})"
                + " or sum by (jobid, instance)"
                + " (cgroup_memory_used_bytes{jobid!=\"\",task=\"\",step!=\"\"})"
                + " or sum by (jobid, instance) (cgroup_memory_used_bytes{jobid!=\"\",task!=\"\"})");
  }

  @Test
  void namedQueryAddsAMetric() {
    QuerySettings settings =
        validate(
            Map.of(
                "query.node.ib.errors",
                "sum by ({{nodeLabel}}) (rate(node_infiniband_port_errors_total[{{rateWindow}}]))",
                "query.job.threads",
                "cgroup_process_count"));

    assertThat(settings.query("node.ib.errors", JobDialect.AUTO).promql())
        .isEqualTo("sum by (instance) (rate(node_infiniband_port_errors_total[1m]))");
    assertThat(settings.query("node.ib.errors", JobDialect.AUTO).configKey())
        .isEqualTo("query.node.ib.errors");
    assertThat(settings.query("job.threads", JobDialect.CGROUP_PATH).kind())
        .isEqualTo(MetricKind.JOB);
  }

  @Test
  void namedQueryNeedsAKnownPrefix() {
    assertThatThrownBy(() -> validate(Map.of("query.ib.errors", "x")))
        .isInstanceOf(InvalidConfigurationException.class)
        .hasMessageStartingWith(
            "org.slurmscope.query: query.ib.errors=x is invalid: the name after query. must start"
                + " with node., job. or gpu.");
  }

  @Test
  void namedQueryCannotReplaceABuiltIn() {
    assertThatThrownBy(() -> validate(Map.of("query.node.load1", "node_load1")))
        .isInstanceOf(InvalidConfigurationException.class)
        .hasMessageEndingWith("node.load1 is built in: change its own key instead");
  }

  @Test
  void unknownTemplateParameterIsRejected() {
    assertThatThrownBy(() -> validate(Map.of("nodeLoad1Query", "node_load1[{{window}}]")))
        .isInstanceOf(InvalidConfigurationException.class)
        .hasMessage(
            "org.slurmscope.query: nodeLoad1Query=node_load1[{{window}}] is invalid: {{window}} is"
                + " not a template parameter; the parameters are {{nodeLabel}}, {{rateWindow}},"
                + " {{peakWindow}}");
  }

  @Test
  void unclosedBracketIsRejected() {
    assertThatThrownBy(() -> validate(Map.of("nodeLoad1Query", "max(node_load1{a=\"b\"")))
        .isInstanceOf(InvalidConfigurationException.class)
        .hasMessageContaining("nodeLoad1Query=")
        .hasMessageEndingWith("it is not valid PromQL: unclosed '{' at position 15");
  }

  @Test
  void blankQueryIsRejected() {
    assertThatThrownBy(() -> validate(Map.of("nodeCpuPercentQuery", "  ")))
        .isInstanceOf(InvalidConfigurationException.class)
        .hasMessage(
            "org.slurmscope.query: nodeCpuPercentQuery= is invalid: it must be a PromQL"
                + " expression");
  }

  @Test
  void emptyJobIoQueryTurnsTheMetricOff() {
    assertThat(validate(Map.of("jobIoReadQuery", "")).jobTemplates())
        .doesNotContainKey(JobMetrics.IO_READ_BYTES_PER_SECOND);
  }

  @Test
  void invalidLabelNameIsRejected() {
    assertThatThrownBy(() -> validate(Map.of("nodeLabel", "node-name")))
        .isInstanceOf(InvalidConfigurationException.class)
        .hasMessage(
            "org.slurmscope.query: nodeLabel=node-name is invalid: it must be a Prometheus"
                + " label name: a letter or _, then letters, digits or _");
  }

  @Test
  void clusterValueNeedsClusterLabel() {
    assertThatThrownBy(() -> validate(Map.of("clusterValue", "hpc1")))
        .isInstanceOf(InvalidConfigurationException.class)
        .hasMessage(
            "org.slurmscope.query: clusterValue=hpc1 is invalid: it needs clusterLabel, the label"
                + " it is the value of");
  }

  @Test
  void invalidWindowIsRejected() {
    assertThatThrownBy(() -> validate(Map.of("rateWindow", "1 minute")))
        .isInstanceOf(InvalidConfigurationException.class)
        .hasMessage(
            "org.slurmscope.query: rateWindow=1 minute is invalid: it must be a Prometheus"
                + " duration such as 30s, 1m or 1h30m");
  }

  @Test
  void unknownJobDialectIsRejectedWithTheChoices() {
    assertThatThrownBy(() -> validate(Map.of("jobDialect", "slurm")))
        .isInstanceOf(InvalidConfigurationException.class)
        .hasMessage(
            "org.slurmscope.query: jobDialect=slurm is invalid: it must be one of auto,"
                + " cgroup-path, jobid-label, cgroup-info");
  }

  @Test
  void unknownDomainModeIsRejectedWithTheChoices() {
    assertThatThrownBy(() -> validate(Map.of("domainMode", "fqdn")))
        .isInstanceOf(InvalidConfigurationException.class)
        .hasMessage(
            "org.slurmscope.query: domainMode=fqdn is invalid: it must be one of keep,"
                + " strip-suffix, short, add-suffix");
  }

  @Test
  void stripSuffixNeedsNodeDomain() {
    assertThatThrownBy(() -> validate(Map.of("domainMode", "strip-suffix")))
        .isInstanceOf(InvalidConfigurationException.class)
        .hasMessage(
            "org.slurmscope.query: nodeDomain= is invalid: with domainMode=strip-suffix it"
                + " must be a domain such as .cluster.example.org");
  }

  @Test
  void nodeDomainWithoutADomainModeIsRejected() {
    assertThatThrownBy(() -> validate(Map.of("nodeDomain", ".cluster.example.org")))
        .isInstanceOf(InvalidConfigurationException.class)
        .hasMessageStartingWith(
            "org.slurmscope.query: nodeDomain=.cluster.example.org is invalid: it is only"
                + " used with domainMode=strip-suffix or add-suffix");
  }

  @Test
  void nodeDomainGetsLeadingDot() {
    QuerySettings settings =
        validate(Map.of("domainMode", "add-suffix", "nodeDomain", "cluster.example.org"));

    assertThat(settings.nodeNames())
        .isEqualTo(new NodeNameMapper(DomainMode.ADD_SUFFIX, ".cluster.example.org"));
  }
}
