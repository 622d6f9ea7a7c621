package org.slurmscope.query.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slurmscope.api.metrics.Absence;
import org.slurmscope.api.metrics.GpuMetrics;
import org.slurmscope.api.metrics.JobMetrics;
import org.slurmscope.api.metrics.MetricExplanations;
import org.slurmscope.api.metrics.MetricResult;
import org.slurmscope.api.metrics.MetricSnapshot;
import org.slurmscope.api.metrics.NodeMetrics;
import org.slurmscope.api.metrics.SeriesRef;
import org.slurmscope.prometheus.internal.ClientSettings;
import org.slurmscope.prometheus.internal.OkHttpPrometheusClient;
import org.slurmscope.query.internal.Exposition.Line;

/**
 * Each mapping dialect against real exporter outputs loaded into a real Prometheus. Every scenario
 * carries its own {@code scenario} label, which doubles as the cluster filter of the queries.
 */
class ExporterFixturesPrometheusTest {

  /** Counters grow by this much per second. */
  private static final double COUNTER_SLOPE = 0.5;

  private static final Instant TIME =
      Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(1800);
  private static final TestLogger LOG = new TestLogger();

  @TempDir static Path folder;
  private static BackfilledPrometheus prometheus;
  private static OkHttpPrometheusClient http;

  @BeforeAll
  static void start() throws Exception {
    BackfilledPrometheus.assumeInstalled();
    List<Long> times = new ArrayList<>();
    for (long offset = 45; offset >= 0; offset -= 15) {
      times.add(TIME.getEpochSecond() - offset);
    }
    prometheus =
        BackfilledPrometheus.start(
            Exposition.openMetrics(allScenarios(), times, COUNTER_SLOPE), folder);
    http =
        new OkHttpPrometheusClient(
            ClientSettings.of(prometheus.url(), 2000, 10000, 15000), LOG.logger());
  }

  @AfterAll
  static void stop() throws Exception {
    if (http != null) {
      http.close();
    }
    if (prometheus != null) {
      prometheus.close();
    }
  }

  private static List<Line> allScenarios() {
    List<Line> lines = new ArrayList<>();
    List<Line> node = Exposition.read("/exporters/node_exporter_e2e-output_linux.prom");
    List<Line> slurmV1 =
        Exposition.read("/exporters/treydock-cgroup_exporter_readme_slurm-cgroupv1.prom");
    List<Line> torque = Exposition.read("/exporters/treydock-cgroup_exporter_readme_torque.prom");
    List<Line> userSlice =
        Exposition.read("/exporters/treydock-cgroup_exporter_readme_user.slice.prom");

    // Fully qualified instance names, two nodes whose values differ, and non-job cgroups.
    add(lines, node, "fqdn", "node", "node01.cluster.example.org:9100", UnaryOperator.identity());
    add(
        lines,
        node,
        "fqdn",
        "node",
        "node02.cluster.example.org:9100",
        l -> l.withValue(2 * l.value()));
    add(
        lines,
        slurmV1,
        "fqdn",
        "cgroup",
        "node01.cluster.example.org:9306",
        UnaryOperator.identity());
    add(
        lines,
        torque,
        "fqdn",
        "cgroup",
        "node01.cluster.example.org:9306",
        UnaryOperator.identity());
    add(
        lines,
        userSlice,
        "fqdn",
        "cgroup",
        "node01.cluster.example.org:9306",
        UnaryOperator.identity());

    // An IP address as instance; node_uname_info names the node.
    add(lines, node, "uname", "node", "10.1.0.1:9100", UnaryOperator.identity());
    lines.add(
        new Line("node_uname_info", Map.of("nodename", "cn001", "sysname", "Linux"), 1)
            .with("instance", "10.1.0.1:9100")
            .with("job", "node")
            .with("scenario", "uname"));

    // Multiple-slurmd builds: one exporter on the host, the node name in the cgroup path.
    add(
        lines,
        slurmV1,
        "multislurmd",
        "cgroup",
        "host01:9306",
        l -> rewriteCgroup(l, "/slurm_cn101/uid_20821/job_12"));
    add(
        lines,
        slurmV1,
        "multislurmd",
        "cgroup",
        "host01:9306",
        l -> rewriteCgroup(l, "/system.slice/cn102_slurmstepd.scope/job_12"));
    add(
        lines,
        slurmV1,
        "multislurmd",
        "cgroup",
        "host02:9306",
        l -> rewriteCgroup(l, "/system.slice/slurmstepd.scope/job_4"));

    // The jobstats exporter's labels: jobid, step and task on job, step and task cgroups.
    lines.addAll(jobidSeries());

    // Torque paths, with cgroup_info naming the job.
    add(lines, torque, "cginfo", "cgroup", "tnode01:9306", UnaryOperator.identity());

    // dcgm-exporter: Hostname label, MIG with a pod as hostname and a job label on both jobs,
    // and DCGM's blank value.
    add(
        lines,
        Exposition.read("/exporters/dcgm-exporter_issue250_hpc-v100_Hostname-label_EXCERPT.prom"),
        "gpu",
        "dcgm",
        "gpunode01:9400",
        UnaryOperator.identity());
    for (Line line :
        Exposition.read(
            "/exporters/dcgm-exporter_pr736_mixed-models_MIG_lowercase-hostname_EXCERPT.prom")) {
      Line labelled =
          line.with("instance", "gpunode02:9400").with("job", "dcgm").with("scenario", "gpu");
      if ("3".equals(line.labels().get("GPU_I_ID"))) {
        lines.add(labelled.with("hpc_job", "101"));
        lines.add(labelled.with("hpc_job", "102"));
      } else {
        lines.add(labelled.with("hpc_job", "103"));
      }
    }
    add(
        lines,
        Exposition.read("/exporters/dcgm-exporter_readme_sample_blank-sentinel.prom"),
        "gpu",
        "dcgm",
        "gpunode03:9400",
        UnaryOperator.identity());
    return lines;
  }

  private static void add(
      List<Line> lines,
      List<Line> source,
      String scenario,
      String job,
      String instance,
      UnaryOperator<Line> change) {
    for (Line line : source) {
      lines.add(
          change
              .apply(line)
              .with("instance", instance)
              .with("job", job)
              .with("scenario", scenario));
    }
  }

  private static Line rewriteCgroup(Line line, String path) {
    return line.with("cgroup", path);
  }

  /** Job 12 has job, step and task series; job 13 only steps and tasks; job 14 only tasks. */
  private static List<Line> jobidSeries() {
    List<Line> lines = new ArrayList<>();
    Object[][] rows = {
      {"12", "", "", 315392.0},
      {"12", "0", "", 300000.0},
      {"12", "0", "0", 200000.0},
      {"13", "0", "", 1000.0},
      {"13", "1", "", 2000.0},
      {"13", "0", "0", 700.0},
      {"14", "0", "0", 50.0},
      {"14", "0", "1", 60.0},
    };
    for (Object[] row : rows) {
      Map<String, String> labels = new java.util.LinkedHashMap<>();
      labels.put("jobid", (String) row[0]);
      labels.put("step", (String) row[1]);
      labels.put("task", (String) row[2]);
      labels.put("instance", "jnode01:9306");
      labels.put("job", "cgroup");
      labels.put("scenario", "jobid");
      lines.add(new Line("cgroup_memory_used_bytes", labels, (double) row[3]));
    }
    return lines;
  }

  private static MetricSnapshot fetch(Map<String, Object> config, String... metrics)
      throws Exception {
    Map<String, Object> values = new HashMap<>(config);
    values.put("clusterLabel", "scenario");
    PrometheusMetricSource source =
        new PrometheusMetricSource(new FixedTimeClient(http, TIME), LOG.logger(), values);
    return source.fetch(Set.of(metrics));
  }

  private static double direct(String promql, String instance) throws Exception {
    return http.query(promql, TIME).samples().stream()
        .filter(sample -> instance.equals(sample.labels().get("instance")))
        .findFirst()
        .orElseThrow()
        .value();
  }

  @Test
  void fqdnNodesMapWithStripSuffix() throws Exception {
    MetricSnapshot snapshot =
        fetch(
            Map.of(
                "clusterValue",
                "fqdn",
                "domainMode",
                "strip-suffix",
                "nodeDomain",
                ".cluster.example.org"),
            NodeMetrics.LOAD1,
            NodeMetrics.CPU_PERCENT);

    assertThat(snapshot.errors()).isEmpty();
    assertThat(snapshot.value(NodeMetrics.LOAD1, "node01")).hasValue(0.21);
    assertThat(snapshot.value(NodeMetrics.LOAD1, "node02")).hasValue(0.42);
    assertThat(snapshot.value(NodeMetrics.LOAD1, "node01"))
        .hasValue(direct("node_load1{scenario=\"fqdn\"}", "node01.cluster.example.org:9100"));
    assertThat(snapshot.value(NodeMetrics.CPU_PERCENT, "node01"))
        .hasValue(
            direct(
                "100 * (1 - avg by (instance) (rate(node_cpu_seconds_total{scenario=\"fqdn\","
                    + "mode=\"idle\"}[1m])))",
                "node01.cluster.example.org:9100"));
  }

  @Test
  void shortModeMapsFqdnToo() throws Exception {
    MetricSnapshot snapshot =
        fetch(Map.of("clusterValue", "fqdn", "domainMode", "short"), NodeMetrics.LOAD1);

    assertThat(snapshot.results().get(NodeMetrics.LOAD1).values())
        .containsOnlyKeys("node01", "node02");
  }

  @Test
  void keepModeExplainsTheMappingFailure() throws Exception {
    MetricSnapshot snapshot = fetch(Map.of("clusterValue", "fqdn"), NodeMetrics.LOAD1);

    List<String> lines =
        MetricExplanations.lines(snapshot, NodeMetrics.LOAD1, "node01", List.of("node01"));

    assertThat(snapshot.value(NodeMetrics.LOAD1, "node01")).isEmpty();
    assertThat(lines).contains("  query: max by (instance) (node_load1{scenario=\"fqdn\"})");
    assertThat(lines)
        .anyMatch(
            line ->
                line.startsWith(
                    "  reason: mapping failed: series map to node01.cluster.example.org"));
  }

  @Test
  void cgroupPathDialectIsDetectedAndSkipsOtherCgroups() throws Exception {
    MetricSnapshot snapshot =
        fetch(Map.of("clusterValue", "fqdn"), JobMetrics.MEMORY_BYTES, JobMetrics.CPU_CORES);

    MetricResult memory = snapshot.results().get(JobMetrics.MEMORY_BYTES);
    assertThat(memory.values()).containsOnlyKeys("12");
    assertThat(memory.value("12")).hasValue(315392);
    assertThat(memory.explanation().seriesOf("12")).hasSize(1);
    assertThat(memory.explanation().seriesOf("12").get(0).labels())
        .containsEntry("cgroup", "/slurm/uid_20821/job_12");
    assertThat(memory.explanation().mapping()).startsWith("job id from the cgroup label");
    assertThat(snapshot.value(JobMetrics.CPU_CORES, "12"))
        .hasValue(
            direct(
                "rate(cgroup_cpu_total_seconds{scenario=\"fqdn\",cgroup=\"/slurm/uid_20821/job_12\"}[1m])",
                "node01.cluster.example.org:9306"));
  }

  @Test
  void unameJoinNamesNodesByNodename() throws Exception {
    MetricSnapshot snapshot =
        fetch(Map.of("clusterValue", "uname", "nodeUnameJoin", "true"), NodeMetrics.LOAD1);

    assertThat(snapshot.results().get(NodeMetrics.LOAD1).values()).containsOnlyKeys("cn001");
    assertThat(snapshot.value(NodeMetrics.LOAD1, "cn001")).hasValue(0.21);
  }

  @Test
  void multipleSlurmdJobsSumTheirNodes() throws Exception {
    MetricSnapshot snapshot = fetch(Map.of("clusterValue", "multislurmd"), JobMetrics.MEMORY_BYTES);

    MetricResult memory = snapshot.results().get(JobMetrics.MEMORY_BYTES);
    assertThat(memory.value("12")).hasValue(2 * 315392);
    assertThat(memory.explanation().seriesOf("12"))
        .extracting(ref -> ref.labels().get("cgroup"))
        .containsExactlyInAnyOrder(
            "/slurm_cn101/uid_20821/job_12", "/system.slice/cn102_slurmstepd.scope/job_12");
    assertThat(memory.value("4")).hasValue(315392);
  }

  @Test
  void jobidLabelPrefersJobLevelSeries() throws Exception {
    MetricSnapshot snapshot = fetch(Map.of("clusterValue", "jobid"), JobMetrics.MEMORY_BYTES);

    MetricResult memory = snapshot.results().get(JobMetrics.MEMORY_BYTES);
    assertThat(memory.explanation().mapping()).startsWith("job id from the jobid label");
    assertThat(memory.value("12")).hasValue(315392);
    assertThat(memory.value("13")).hasValue(3000);
    assertThat(memory.value("14")).hasValue(110);
  }

  @Test
  void cgroupInfoJoinNamesTheJob() throws Exception {
    MetricSnapshot snapshot =
        fetch(
            Map.of("clusterValue", "cginfo", "jobDialect", "cgroup-info"), JobMetrics.MEMORY_BYTES);

    assertThat(snapshot.value(JobMetrics.MEMORY_BYTES, "1182958")).hasValue(5.3434466304e10);
  }

  @Test
  void dcgmHostnameLabelNamesTheNode() throws Exception {
    MetricSnapshot snapshot = fetch(Map.of("clusterValue", "gpu"), GpuMetrics.UTILIZATION_PERCENT);

    assertThat(snapshot.value(GpuMetrics.UTILIZATION_PERCENT, "gpunode01/0")).hasValue(0);
  }

  @Test
  void migInstancesHaveTheirOwnKeys() throws Exception {
    MetricSnapshot snapshot =
        fetch(
            Map.of(
                "clusterValue",
                "gpu",
                "gpuHostLabels",
                "Hostname,instance",
                "gpuMemoryQuery",
                "DCGM_FI_DEV_FB_FREE"),
            GpuMetrics.MEMORY_BYTES,
            JobMetrics.GPU_MEMORY_BYTES);

    double mib = 1024.0 * 1024.0;
    assertThat(snapshot.value(GpuMetrics.MEMORY_BYTES, "gpunode02/1")).hasValue(11275 * mib);
    assertThat(snapshot.value(GpuMetrics.MEMORY_BYTES, "gpunode02/2/3")).hasValue(2207 * mib);
    MetricResult byJob = snapshot.results().get(JobMetrics.GPU_MEMORY_BYTES);
    assertThat(byJob.value("103")).hasValue(11275 * mib);
    assertThat(byJob.values()).doesNotContainKeys("101", "102");
    assertThat(byJob.explanation().absent().get("101").reason())
        .isEqualTo(Absence.Reason.AMBIGUOUS);
  }

  @Test
  void podHostnameIsKeptWhenItIsTheFirstHostLabel() throws Exception {
    MetricSnapshot snapshot =
        fetch(
            Map.of("clusterValue", "gpu", "gpuMemoryQuery", "DCGM_FI_DEV_FB_FREE"),
            GpuMetrics.MEMORY_BYTES);

    assertThat(snapshot.results().get(GpuMetrics.MEMORY_BYTES).values())
        .containsKey("dcgm-exporter-wwwjh/1");
  }

  @Test
  void blankValueIsNoValueWithItsReason() throws Exception {
    MetricSnapshot snapshot =
        fetch(
            Map.of(
                "clusterValue",
                "gpu",
                "query.gpu.memory.temperature",
                "DCGM_FI_DEV_MEMORY_TEMP",
                "query.gpu.sm.clock",
                "DCGM_FI_DEV_SM_CLOCK"),
            "gpu.memory.temperature",
            "gpu.sm.clock");

    MetricResult temperature = snapshot.results().get("gpu.memory.temperature");
    assertThat(temperature.values()).doesNotContainKey("gpunode03/0");
    assertThat(temperature.explanation().absent().get("gpunode03/0").reason())
        .isEqualTo(Absence.Reason.BLANK_VALUE);
    assertThat(snapshot.value("gpu.sm.clock", "gpunode03/0")).hasValue(139);
    List<SeriesRef> clock =
        snapshot.results().get("gpu.sm.clock").explanation().seriesOf("gpunode03/0");
    assertThat(clock.get(0).labels())
        .containsEntry("UUID", "GPU-604ac76c-d9cf-fef3-62e9-d92044ab6e52");
  }
}
