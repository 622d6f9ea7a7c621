package org.slurmscope.query.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.slurmscope.api.metrics.JobMetrics;
import org.slurmscope.api.metrics.MetricSnapshot;
import org.slurmscope.api.metrics.NodeMetrics;
import org.slurmscope.api.prometheus.Sample;

/** The number of queries per refresh depends on the metrics only, never on nodes or jobs. */
class QueryCountTest {

  private final TestLogger log = new TestLogger();

  /** Every metric of the default catalogue. */
  private static final Set<String> ALL = Set.copyOf(QuerySettings.from(Map.of()).metrics());

  /** One series per node that every mapper can read: a node, a job cgroup and a GPU. */
  private static FakePrometheusClient cluster(int nodes) {
    List<Sample> samples = new ArrayList<>(nodes);
    for (int i = 1; i <= nodes; i++) {
      String node = String.format("node%05d", i);
      samples.add(
          new Sample(
              Map.of(
                  "instance",
                  node + ":9100",
                  "cgroup",
                  "/slurm/uid_2001/job_" + (1000 + i),
                  "gpu",
                  "0",
                  "Hostname",
                  node,
                  "hpc_job",
                  Integer.toString(1000 + i)),
              1796413438.075,
              1.5));
    }
    return new FakePrometheusClient().answerAll(FakePrometheusClient.vector(samples));
  }

  @ParameterizedTest
  @ValueSource(ints = {10, 10_000})
  void oneQueryPerMetricForTheWholeCluster(int nodes) throws Exception {
    FakePrometheusClient prometheus = cluster(nodes);
    PrometheusMetricSource source =
        new PrometheusMetricSource(prometheus, log.logger(), Map.of("jobDialect", "cgroup-path"));

    MetricSnapshot snapshot = source.fetch(ALL);

    assertThat(snapshot.errors()).isEmpty();
    assertThat(prometheus.queries()).hasSize(ALL.size());
    assertThat(new HashSet<>(prometheus.queries())).hasSize(ALL.size() - 2);
    assertThat(snapshot.results().get(NodeMetrics.LOAD1).values()).hasSize(nodes);
    assertThat(snapshot.results().get(JobMetrics.MEMORY_BYTES).values()).hasSize(nodes);
    assertThat(snapshot.results().get(JobMetrics.GPU_UTILIZATION_PERCENT).values()).hasSize(nodes);
  }

  @ParameterizedTest
  @ValueSource(ints = {10, 10_000})
  void detectionAddsTheSameFewQueriesOnce(int nodes) throws Exception {
    FakePrometheusClient prometheus = cluster(nodes);
    PrometheusMetricSource source = new PrometheusMetricSource(prometheus, log.logger(), Map.of());

    source.fetch(ALL);
    int first = prometheus.queries().size();
    source.fetch(ALL);
    int second = prometheus.queries().size() - first;

    // The first probe (a count of series with a jobid label) answers, so detection costs one query.
    assertThat(first).isEqualTo(ALL.size() + 1);
    assertThat(second).isEqualTo(ALL.size());
  }
}
