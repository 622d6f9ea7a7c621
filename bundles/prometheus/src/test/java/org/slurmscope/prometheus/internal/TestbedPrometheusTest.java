package org.slurmscope.prometheus.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slurmscope.api.prometheus.Alert;
import org.slurmscope.api.prometheus.LabelValuesResult;
import org.slurmscope.api.prometheus.PrometheusException;
import org.slurmscope.api.prometheus.QueryOptions;
import org.slurmscope.api.prometheus.QueryResult;
import org.slurmscope.api.prometheus.Sample;
import org.slurmscope.api.prometheus.SeriesResult;
import org.slurmscope.api.prometheus.TimeSeries;

/**
 * Every request type against the testbed's real Prometheus (PROMETHEUS_URL), which scrapes
 * node_exporter on five nodes. Skipped without PROMETHEUS_URL, except under SLURMSCOPE_TESTBED=1,
 * where the test script has started the testbed and a missing URL is a failure.
 */
class TestbedPrometheusTest {

  private static final TestLogger LOG = new TestLogger();
  private static OkHttpPrometheusClient client;

  @BeforeAll
  static void connect() {
    String url = System.getenv("PROMETHEUS_URL");
    boolean required = "1".equals(System.getenv("SLURMSCOPE_TESTBED"));
    if (!required) {
      Assumptions.assumeTrue(
          url != null && !url.isBlank(),
          "PROMETHEUS_URL is not set: start the testbed with runtime/testbed/run-tests.sh");
    }
    assertThat(url).as("SLURMSCOPE_TESTBED=1 but PROMETHEUS_URL is not set").isNotBlank();
    client = Clients.client(Clients.settings(url, Map.of()), LOG);
  }

  @AfterAll
  static void close() {
    if (client != null) {
      client.close();
    }
  }

  @Test
  void instantVectorHasNodeSeries() throws Exception {
    QueryResult result = client.query("up{job=\"node\"}", null);

    assertThat(result.resultType()).isEqualTo("vector");
    assertThat(result.samples()).isNotEmpty();
    assertThat(result.samples())
        .allSatisfy(sample -> assertThat(sample.labels()).containsEntry("job", "node"));
    assertThat(result.samples())
        .extracting(Sample::value)
        .allSatisfy(v -> assertThat(v).isIn(0.0, 1.0));
    assertThat(result.warnings()).isEmpty();
  }

  @Test
  void scalarResultIsOneSample() throws Exception {
    QueryResult result = client.query("1 + 1", null);

    assertThat(result.resultType()).isEqualTo("scalar");
    assertThat(result.samples()).extracting(Sample::value).containsExactly(2.0);
  }

  @Test
  void stringResultKeepsItsText() throws Exception {
    QueryResult result = client.query("\"slurmscope\"", null);

    assertThat(result.resultType()).isEqualTo("string");
    assertThat(result.text()).isEqualTo("slurmscope");
  }

  @Test
  void specialValuesAreNeverZero() throws Exception {
    double nan = client.query("0 / 0", null).samples().get(0).value();
    double plus = client.query("1 / 0", null).samples().get(0).value();
    double minus = client.query("-1 / 0", null).samples().get(0).value();

    assertThat(nan).isNaN();
    assertThat(plus).isEqualTo(Double.POSITIVE_INFINITY);
    assertThat(minus).isEqualTo(Double.NEGATIVE_INFINITY);
  }

  @Test
  void rangeSelectorGivesMatrix() throws Exception {
    QueryResult result = client.query("up{job=\"node\"}[1m]", null);

    assertThat(result.resultType()).isEqualTo("matrix");
    assertThat(result.series()).isNotEmpty();
    assertThat(result.series().get(0).points()).isNotEmpty();
  }

  @Test
  void rangeQueryHasPointsAtEachStep() throws Exception {
    Instant end = Instant.now();

    QueryResult result =
        client.queryRange(
            "up{job=\"node\"}",
            end.minusSeconds(60),
            end,
            Duration.ofSeconds(15),
            QueryOptions.NONE.withTimeout(Duration.ofSeconds(10)).withLimit(100));

    assertThat(result.resultType()).isEqualTo("matrix");
    assertThat(result.series()).isNotEmpty();
    for (TimeSeries series : result.series()) {
      assertThat(series.points()).hasSizeLessThanOrEqualTo(5);
      for (int i = 1; i < series.points().size(); i++) {
        double step =
            series.points().get(i).timestampSeconds()
                - series.points().get(i - 1).timestampSeconds();
        assertThat(step).isEqualTo(15.0);
      }
    }
  }

  @Test
  void seriesListsLabelSets() throws Exception {
    SeriesResult result = client.series(List.of("up{job=\"node\"}"), null, null, 0);

    assertThat(result.series()).isNotEmpty();
    assertThat(result.series())
        .allSatisfy(labels -> assertThat(labels).containsEntry("__name__", "up"));
  }

  @Test
  void labelValuesListJobs() throws Exception {
    LabelValuesResult result = client.labelValues("job", List.of(), null, null, 0);

    assertThat(result.values()).contains("node");
  }

  @Test
  void alertsDecodeWithoutRules() throws Exception {
    List<Alert> alerts = client.alerts();

    assertThat(alerts).allSatisfy(alert -> assertThat(alert.state()).isIn("pending", "firing"));
  }

  @Test
  void buildInfoAndReadinessAreCheap() throws Exception {
    assertThat(client.buildInfo().version()).isNotEmpty();
    assertThat(client.ready()).isTrue();
  }

  @Test
  void longSelectorGoesAsPost() throws Exception {
    // About 60 kB of PromQL, more than the 8 kB URL limit common in proxies.
    StringJoiner instances = new StringJoiner("|");
    for (int i = 0; i < 3000; i++) {
      instances.add(String.format("node%05d:9100", i));
    }

    QueryResult result = client.query("up{instance=~\"" + instances + "|node01:9100\"}", null);

    assertThat(result.samples()).isNotEmpty();
  }

  @Test
  void syntaxErrorIsBadDataWithPrometheusText() {
    assertThatThrownBy(() -> client.query("rate(node_cpu_seconds_total[1m]", null))
        .isInstanceOf(PrometheusException.class)
        .hasMessageContaining("returned HTTP 400, bad_data: ")
        .hasMessageContaining("unclosed left parenthesis")
        .extracting(e -> ((PrometheusException) e).errorType())
        .isEqualTo("bad_data");
  }

  @Test
  void manyToOneMatchIsExecutionError() {
    assertThatThrownBy(() -> client.query("node_cpu_seconds_total / on(instance) node_load1", null))
        .isInstanceOf(PrometheusException.class)
        .hasMessageContaining("returned HTTP 422, execution: ")
        .extracting(e -> ((PrometheusException) e).errorType())
        .isEqualTo("execution");
  }
}
