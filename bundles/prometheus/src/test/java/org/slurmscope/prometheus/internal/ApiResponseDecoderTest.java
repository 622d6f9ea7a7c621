package org.slurmscope.prometheus.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.slurmscope.api.prometheus.Alert;
import org.slurmscope.api.prometheus.BuildInfo;
import org.slurmscope.api.prometheus.Point;
import org.slurmscope.api.prometheus.PrometheusException;
import org.slurmscope.api.prometheus.QueryResult;
import org.slurmscope.api.prometheus.Sample;
import org.slurmscope.api.prometheus.SeriesResult;
import org.slurmscope.api.prometheus.TimeSeries;

class ApiResponseDecoderTest {

  private static final String ENDPOINT = "http://localhost:9090/api/v1/query";

  private static QueryResult decode(String fixture) throws PrometheusException {
    return ApiResponseDecoder.decode(ENDPOINT, 200, Fixtures.bytes(fixture));
  }

  private static QueryResult decodeText(int status, String body) throws PrometheusException {
    return ApiResponseDecoder.decode(ENDPOINT, status, body.getBytes(StandardCharsets.UTF_8));
  }

  private static Sample sampleOf(QueryResult response, String instance) {
    return response.samples().stream()
        .filter(sample -> instance.equals(sample.labels().get("instance")))
        .findFirst()
        .orElseThrow();
  }

  // --- Recorded responses of Prometheus 2.42

  @Test
  void recordedCpuVectorHasOneSamplePerInstance() throws Exception {
    QueryResult response = decode("testbed/query-node-cpu-busy-percent.json");

    assertThat(response.resultType()).isEqualTo("vector");
    assertThat(response.samples()).hasSize(5);
    assertThat(response.warnings()).isEmpty();
    assertThat(sampleOf(response, "node01:9100").value()).isEqualTo(35.99090909090923);
    assertThat(sampleOf(response, "node05:9100").value()).isEqualTo(36.009090909090816);
    assertThat(sampleOf(response, "node01:9100").timestampSeconds())
        .isCloseTo(1796413438.075, within(1e-6));
  }

  @Test
  void recordedLoadVectorKeepsEveryLabel() throws Exception {
    QueryResult response = decode("testbed/query-node-load1.json");

    assertThat(sampleOf(response, "node02:9100").labels())
        .isEqualTo(Map.of("__name__", "node_load1", "instance", "node02:9100", "job", "node"));
    assertThat(sampleOf(response, "node02:9100").value()).isEqualTo(0.78);
  }

  @Test
  void recordedUpVectorHasDownNodeAtZero() throws Exception {
    QueryResult response = decode("testbed/query-up.json");

    assertThat(response.samples()).hasSize(13);
    assertThat(sampleOf(response, "node06:9100").value()).isEqualTo(0.0);
    assertThat(sampleOf(response, "node05:9100").value()).isEqualTo(1.0);
  }

  @Test
  void recordedRangeResultIsDecodedAsSeries() throws Exception {
    QueryResult response = decode("testbed/query_range-node-cpu-busy-percent.json");

    assertThat(response.resultType()).isEqualTo("matrix");
    assertThat(response.samples()).isEmpty();
    assertThat(response.series()).hasSize(5);
    TimeSeries node01 = response.series().get(0);
    assertThat(node01.labels()).isEqualTo(Map.of("instance", "node01:9100"));
    assertThat(node01.points()).hasSize(7);
    assertThat(node01.points().get(0)).isEqualTo(new Point(1796413348, 84.01450999999994));
    assertThat(node01.points().get(6)).isEqualTo(new Point(1796413438, 35.99090909090923));
  }

  @Test
  void recordedBadSyntaxErrorKeepsPrometheusText() {
    assertThatThrownBy(
            () ->
                ApiResponseDecoder.decode(
                    ENDPOINT, 400, Fixtures.bytes("testbed/query-error-bad-syntax.json")))
        .isInstanceOf(PrometheusException.class)
        .hasMessage(
            "Prometheus at "
                + ENDPOINT
                + " returned HTTP 400, bad_data: invalid parameter \"query\": 1:32: parse error:"
                + " unclosed left parenthesis")
        .extracting(e -> ((PrometheusException) e).errorType())
        .isEqualTo("bad_data");
  }

  // --- Responses from the Prometheus documentation, Grafana and Slurm-web

  @Test
  void documentationVectorHasFractionalTimestamps() throws Exception {
    QueryResult response = decode("prometheus-api/prometheus-docs_instant-vector-example.json");

    assertThat(response.samples()).hasSize(2);
    assertThat(sampleOf(response, "localhost:9090").value()).isEqualTo(1.0);
    assertThat(sampleOf(response, "localhost:9100").value()).isEqualTo(0.0);
    assertThat(sampleOf(response, "localhost:9100").timestampSeconds())
        .isCloseTo(1435781451.781, within(1e-6));
  }

  @Test
  void documentationMatrixHasTwoSeries() throws Exception {
    QueryResult response = decode("prometheus-api/prometheus-docs_range-matrix-example.json");

    assertThat(response.series()).hasSize(2);
    assertThat(response.series().get(1).labels()).containsEntry("instance", "localhost:9091");
    assertThat(response.series().get(1).points())
        .extracting(Point::value)
        .containsExactly(0.0, 0.0, 1.0);
  }

  @Test
  void nanValuesStayNaN() throws Exception {
    QueryResult response = decode("prometheus-api/grafana_range_nan.result.json");

    assertThat(response.series()).hasSize(1);
    assertThat(response.series().get(0).points())
        .extracting(Point::value)
        .allSatisfy(value -> assertThat(value).isNaN());
    assertThat(response.series().get(0).points()).hasSize(3);
  }

  @Test
  void plusInfValuesStayInfinite() throws Exception {
    QueryResult response = decode("prometheus-api/grafana_range_infinity.result.json");

    assertThat(response.series().get(0).labels()).isEmpty();
    assertThat(response.series().get(0).points())
        .extracting(Point::value)
        .containsExactly(
            Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY);
  }

  @Test
  void missingStepsAreNotFilledIn() throws Exception {
    QueryResult response = decode("prometheus-api/grafana_range_missing.result.json");

    assertThat(response.series().get(0).points())
        .containsExactly(
            new Point(1641889533, 21), new Point(1641889534, 32), new Point(1641889537, 43));
  }

  @Test
  void unknownMetricIsEmptyResult() throws Exception {
    QueryResult response = decode("prometheus-api/slurmweb_unknown-metric.json");

    assertThat(response.resultType()).isEqualTo("matrix");
    assertThat(response.series()).isEmpty();
  }

  @Test
  void slurmWebBadDataErrorBecomesException() {
    // Prometheus sent that capture with HTTP 400 (slurmweb_http-status-of-each-capture.json).
    assertThatThrownBy(
            () ->
                ApiResponseDecoder.decode(
                    ENDPOINT, 400, Fixtures.bytes("prometheus-api/slurmweb_unknown-path.json")))
        .isInstanceOf(PrometheusException.class)
        .hasMessageEndingWith(
            "HTTP 400, bad_data: invalid parameter \"query\": 1:1: parse error: unexpected <op:/>");
  }

  @Test
  void slurmWebRangeResponsesKeepEveryStep() throws Exception {
    Map<String, Integer> seriesPerFile =
        Map.of(
            "prometheus-api/slurmweb_cores-hour.json", 5,
            "prometheus-api/slurmweb_jobs-hour.json", 8,
            "prometheus-api/slurmweb_nodes-hour.json", 6);

    for (Map.Entry<String, Integer> file : seriesPerFile.entrySet()) {
      QueryResult response = decode(file.getKey());

      assertThat(response.resultType()).as(file.getKey()).isEqualTo("matrix");
      assertThat(response.series()).as(file.getKey()).hasSize(file.getValue());
      assertThat(response.series())
          .as(file.getKey())
          .allSatisfy(series -> assertThat(series.points()).hasSize(120));
      assertThat(response.series())
          .as(file.getKey())
          .allSatisfy(series -> assertThat(series.labels()).containsKey("state"));
    }
  }

  @Test
  void slurmWebIdleCoresSeriesHasItsValues() throws Exception {
    QueryResult response = decode("prometheus-api/slurmweb_cores-hour.json");

    TimeSeries idle =
        response.series().stream()
            .filter(series -> "idle".equals(series.labels().get("state")))
            .findFirst()
            .orElseThrow();

    assertThat(idle.points().get(0)).isEqualTo(new Point(1747750980, 49920));
    assertThat(idle.points().get(119)).isEqualTo(new Point(1747754550, 49565));
  }

  // --- Result types and envelope fields

  @Test
  void scalarIsOneSampleWithoutLabels() throws Exception {
    QueryResult response =
        decodeText(
            200,
            "{\"status\":\"success\",\"data\":{\"resultType\":\"scalar\",\"result\":[1796413438.5,\"2\"]}}");

    assertThat(response.resultType()).isEqualTo("scalar");
    assertThat(response.samples()).containsExactly(new Sample(Map.of(), 1796413438.5, 2.0));
  }

  @Test
  void stringResultKeepsItsText() throws Exception {
    QueryResult response =
        decodeText(
            200,
            "{\"status\":\"success\",\"data\":{\"resultType\":\"string\",\"result\":[1,\"text\"]}}");

    assertThat(response.resultType()).isEqualTo("string");
    assertThat(response.text()).isEqualTo("text");
    assertThat(response.samples()).isEmpty();
  }

  @Test
  void warningsAndInfosAreKeptApart() throws Exception {
    QueryResult response =
        decodeText(
            200,
            "{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":[]},"
                + "\"warnings\":[\"partial response: store b is down\"],"
                + "\"infos\":[\"PromQL info: metric might not be a counter\"]}");

    assertThat(response.warnings()).containsExactly("partial response: store b is down");
    assertThat(response.infos()).containsExactly("PromQL info: metric might not be a counter");
  }

  @Test
  void nativeHistogramSeriesIsSkippedWithWarning() throws Exception {
    QueryResult response =
        decodeText(
            200,
            "{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":["
                + "{\"metric\":{\"instance\":\"a:9100\"},\"value\":[1,\"3\"]},"
                + "{\"metric\":{\"instance\":\"b:9100\"},\"histogram\":[1,{\"count\":\"2\"}]}]}}");

    assertThat(response.samples()).hasSize(1);
    assertThat(response.warnings())
        .containsExactly("1 native histogram series skipped: only float samples are read");
  }

  @Test
  void warningsMarkTheResultPartial() throws Exception {
    QueryResult response =
        decodeText(
            200,
            "{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":["
                + "{\"metric\":{\"instance\":\"a:9100\"},\"value\":[1,\"3\"]}]},"
                + "\"warnings\":[\"partial response due to store b down\"]}");

    assertThat(response.partial()).isTrue();
    assertThat(response.samples()).hasSize(1);
  }

  @Test
  void seriesAreLabelSets() throws Exception {
    SeriesResult response =
        ApiResponseDecoder.decodeSeries(
            ENDPOINT,
            200,
            ("{\"status\":\"success\",\"data\":[{\"__name__\":\"up\",\"job\":\"node\"}],"
                    + "\"warnings\":[\"partial\"]}")
                .getBytes(StandardCharsets.UTF_8));

    assertThat(response.series()).containsExactly(Map.of("__name__", "up", "job", "node"));
    assertThat(response.warnings()).containsExactly("partial");
  }

  @Test
  void labelValueThatIsNotStringIsDecodeError() {
    assertThatThrownBy(
            () ->
                ApiResponseDecoder.decodeLabelValues(
                    ENDPOINT,
                    200,
                    "{\"status\":\"success\",\"data\":[\"a\",1]}".getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(PrometheusException.class)
        .hasMessageEndingWith("could not be decoded: label value 1 is not a string");
  }

  @Test
  void alertWithoutValueHasNaN() throws Exception {
    List<Alert> alerts =
        ApiResponseDecoder.decodeAlerts(
            ENDPOINT,
            200,
            ("{\"status\":\"success\",\"data\":{\"alerts\":[{\"labels\":{\"alertname\":\"A\"},"
                    + "\"state\":\"pending\"}]}}")
                .getBytes(StandardCharsets.UTF_8));

    assertThat(alerts).hasSize(1);
    assertThat(alerts.get(0).value()).isNaN();
    assertThat(alerts.get(0).activeAt()).isNull();
    assertThat(alerts.get(0).annotations()).isEmpty();
  }

  @Test
  void buildInfoWithMissingFieldsHasEmptyStrings() throws Exception {
    BuildInfo info =
        ApiResponseDecoder.decodeBuildInfo(
            ENDPOINT,
            200,
            "{\"status\":\"success\",\"data\":{\"version\":\"1.93.0\"}}"
                .getBytes(StandardCharsets.UTF_8));

    assertThat(info).isEqualTo(new BuildInfo("1.93.0", "", "", ""));
  }

  // --- Responses that are not data

  @Test
  void malformedValueIsDecodeErrorNamingTheValue() {
    assertThatThrownBy(
            () ->
                decodeText(
                    200,
                    "{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":["
                        + "{\"metric\":{},\"value\":[1,\"fast\"]}]}}"))
        .isInstanceOf(PrometheusException.class)
        .hasMessage(
            "Prometheus at "
                + ENDPOINT
                + " returned HTTP 200 with a response that could not be decoded: vector element 0:"
                + " not a number: \"fast\"")
        .extracting(e -> ((PrometheusException) e).errorType())
        .isEqualTo("decode");
  }

  @Test
  void unknownResultTypeIsDecodeError() {
    assertThatThrownBy(
            () ->
                decodeText(
                    200,
                    "{\"status\":\"success\",\"data\":{\"resultType\":\"table\",\"result\":[]}}"))
        .isInstanceOf(PrometheusException.class)
        .hasMessageEndingWith("could not be decoded: unknown resultType \"table\"");
  }

  @Test
  void successWithoutDataIsDecodeError() {
    assertThatThrownBy(() -> decodeText(200, "{\"status\":\"success\"}"))
        .isInstanceOf(PrometheusException.class)
        .hasMessageEndingWith("could not be decoded: \"data\" is missing or not an object");
  }

  @Test
  void htmlFromProxyIsQuotedUpTo200Characters() {
    String page = "<html><body>" + "x".repeat(500) + "</body></html>";

    assertThatThrownBy(() -> decodeText(502, page))
        .isInstanceOf(PrometheusException.class)
        .hasMessage(
            "Prometheus at "
                + ENDPOINT
                + " returned HTTP 502 with a body that is not a Prometheus API response (a proxy or"
                + " another service may have sent it: check url in org.slurmscope.prometheus): "
                + page.substring(0, 200)
                + "...")
        .extracting(e -> ((PrometheusException) e).errorType())
        .isEqualTo("http");
  }

  @Test
  void jsonWithoutStatusIsNotApiResponse() {
    assertThatThrownBy(() -> decodeText(401, "{\"message\":\"Unauthorized\"}"))
        .isInstanceOf(PrometheusException.class)
        .hasMessageContaining("returned HTTP 401 with a body that is not a Prometheus API response")
        .hasMessageEndingWith(": {\"message\":\"Unauthorized\"}");
  }

  @Test
  void emptyBodyIsNamedAsSuch() {
    assertThatThrownBy(() -> decodeText(503, ""))
        .isInstanceOf(PrometheusException.class)
        .hasMessageContaining("returned HTTP 503 with an empty body");
  }

  @Test
  void successBodyWithErrorStatusIsNotData() {
    assertThatThrownBy(
            () ->
                decodeText(
                    500,
                    "{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":[]}}"))
        .isInstanceOf(PrometheusException.class)
        .extracting(e -> ((PrometheusException) e).errorType())
        .isEqualTo("http");
  }

  @Test
  void previewPutsAMultiLineBodyOnOneLine() {
    byte[] body = "<html>\n  <h1>Bad Gateway</h1>\n</html>\n".getBytes(StandardCharsets.UTF_8);

    assertThat(ApiResponseDecoder.preview(body)).isEqualTo("<html> <h1>Bad Gateway</h1> </html>");
  }

  @Test
  void sampleOrderFollowsTheResponse() throws Exception {
    QueryResult response = decode("testbed/query-node-memory.json");

    assertThat(response.samples())
        .extracting(sample -> sample.labels().get("instance"))
        .isEqualTo(
            List.of("node01:9100", "node02:9100", "node03:9100", "node04:9100", "node05:9100"));
  }
}
