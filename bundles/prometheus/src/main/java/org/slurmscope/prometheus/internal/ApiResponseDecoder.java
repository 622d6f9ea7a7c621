package org.slurmscope.prometheus.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slurmscope.api.prometheus.Alert;
import org.slurmscope.api.prometheus.BuildInfo;
import org.slurmscope.api.prometheus.LabelValuesResult;
import org.slurmscope.api.prometheus.Point;
import org.slurmscope.api.prometheus.PrometheusException;
import org.slurmscope.api.prometheus.QueryResult;
import org.slurmscope.api.prometheus.Sample;
import org.slurmscope.api.prometheus.SeriesResult;
import org.slurmscope.api.prometheus.TimeSeries;

/**
 * Decodes responses of the Prometheus HTTP API, following the response format of the Prometheus
 * documentation ({@code docs/querying/api.md}): an envelope with {@code status}, {@code data} (or
 * {@code errorType} and {@code error}), {@code warnings} and, from Prometheus 3, {@code infos}.
 */
final class ApiResponseDecoder {

  /** Number of characters quoted in the error message from a body that is not an API response. */
  static final int PREVIEW_CHARS = 200;

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private ApiResponseDecoder() {}

  /**
   * Decodes a response of {@code /api/v1/query} or {@code /api/v1/query_range}.
   *
   * @param endpoint the URL the request went to, for messages
   * @param httpStatus the HTTP status code of the response
   * @param body the response body
   * @throws PrometheusException with Prometheus's {@code errorType} for an error response, {@code
   *     http} for a non-2xx response that is not an API response, {@code decode} for a 2xx response
   *     that is not one or is malformed
   */
  static QueryResult decode(String endpoint, int httpStatus, byte[] body)
      throws PrometheusException {
    return decode(endpoint, httpStatus, body, ApiResponseDecoder::queryResult);
  }

  /** Decodes a response of {@code /api/v1/series}; throws as {@link #decode}. */
  static SeriesResult decodeSeries(String endpoint, int httpStatus, byte[] body)
      throws PrometheusException {
    return decode(
        endpoint,
        httpStatus,
        body,
        (data, warnings, infos) -> {
          JsonNode elements = array(data, "\"data\"");
          List<Map<String, String>> series = new ArrayList<>(elements.size());
          for (int i = 0; i < elements.size(); i++) {
            series.add(labels(elements.get(i), "series " + i));
          }
          return new SeriesResult(series, warnings);
        });
  }

  /** Decodes a response of {@code /api/v1/label/<name>/values}; throws as {@link #decode}. */
  static LabelValuesResult decodeLabelValues(String endpoint, int httpStatus, byte[] body)
      throws PrometheusException {
    return decode(
        endpoint,
        httpStatus,
        body,
        (data, warnings, infos) -> {
          JsonNode elements = array(data, "\"data\"");
          List<String> values = new ArrayList<>(elements.size());
          for (int i = 0; i < elements.size(); i++) {
            JsonNode value = elements.get(i);
            if (!value.isTextual()) {
              throw new MalformedResponseException("label value " + i + " is not a string");
            }
            values.add(value.textValue());
          }
          return new LabelValuesResult(values, warnings);
        });
  }

  /** Decodes a response of {@code /api/v1/alerts}; throws as {@link #decode}. */
  static List<Alert> decodeAlerts(String endpoint, int httpStatus, byte[] body)
      throws PrometheusException {
    return decode(
        endpoint,
        httpStatus,
        body,
        (data, warnings, infos) -> {
          JsonNode elements = array(object(data, "\"data\"").path("alerts"), "\"data.alerts\"");
          List<Alert> alerts = new ArrayList<>(elements.size());
          for (int i = 0; i < elements.size(); i++) {
            alerts.add(alert(elements.get(i), "alert " + i));
          }
          return alerts;
        });
  }

  /** Decodes a response of {@code /api/v1/status/buildinfo}; throws as {@link #decode}. */
  static BuildInfo decodeBuildInfo(String endpoint, int httpStatus, byte[] body)
      throws PrometheusException {
    return decode(
        endpoint,
        httpStatus,
        body,
        (data, warnings, infos) -> {
          JsonNode fields = object(data, "\"data\"");
          return new BuildInfo(
              fields.path("version").asText(""),
              fields.path("revision").asText(""),
              fields.path("branch").asText(""),
              fields.path("goVersion").asText(""));
        });
  }

  /** Returns the start of a body on one line, for a message. */
  static String preview(byte[] body) {
    String text = new String(body, StandardCharsets.UTF_8).strip().replaceAll("\\s+", " ");
    if (text.length() <= PREVIEW_CHARS) {
      return text;
    }
    return text.substring(0, PREVIEW_CHARS) + "...";
  }

  // --- The envelope

  private static <T> T decode(String endpoint, int httpStatus, byte[] body, DataReader<T> reader)
      throws PrometheusException {
    JsonNode root = readEnvelope(body);
    if (root == null) {
      throw notAnApiResponse(endpoint, httpStatus, body);
    }
    String status = root.path("status").asText();
    if (status.equals("error")) {
      throw apiError(endpoint, httpStatus, root);
    }
    // A proxy may wrap its own failure in a JSON object of a similar shape, so only a 2xx response
    // with status "success" is data.
    if (!status.equals("success") || httpStatus / 100 != 2) {
      throw notAnApiResponse(endpoint, httpStatus, body);
    }
    try {
      List<String> warnings = new ArrayList<>(strings(root, "warnings"));
      List<String> infos = strings(root, "infos");
      return reader.read(root.path("data"), warnings, infos);
    } catch (MalformedResponseException e) {
      throw new PrometheusException(
          "decode",
          "Prometheus at "
              + endpoint
              + " returned HTTP "
              + httpStatus
              + " with a response that could not be decoded: "
              + e.getMessage());
    }
  }

  /** Returns the envelope object, or null when the body is not JSON with a {@code status}. */
  private static JsonNode readEnvelope(byte[] body) {
    JsonNode root;
    try {
      root = MAPPER.readTree(body);
    } catch (IOException e) {
      // readTree(byte[]) reads from memory, so an IOException here is a JSON syntax error.
      return null;
    }
    if (root == null || !root.isObject() || !root.path("status").isTextual()) {
      return null;
    }
    return root;
  }

  private static PrometheusException apiError(String endpoint, int httpStatus, JsonNode root) {
    String errorType = root.path("errorType").asText();
    if (errorType.isEmpty()) {
      errorType = "http";
    }
    return new PrometheusException(
        errorType,
        "Prometheus at "
            + endpoint
            + " returned HTTP "
            + httpStatus
            + ", "
            + errorType
            + ": "
            + root.path("error").asText("(no error text)"));
  }

  private static PrometheusException notAnApiResponse(
      String endpoint, int httpStatus, byte[] body) {
    String errorType = httpStatus / 100 == 2 ? "decode" : "http";
    String bodyKind =
        body.length == 0 ? "an empty body" : "a body that is not a Prometheus API response";
    String hint =
        httpStatus == 401 || httpStatus == 403
            ? "the credentials were missing or rejected: check basicAuthUser,"
                + " basicAuthPasswordFile, bearerTokenFile and headerFiles in "
            : "a proxy or another service may have sent it: check url in ";
    String message =
        "Prometheus at "
            + endpoint
            + " returned HTTP "
            + httpStatus
            + " with "
            + bodyKind
            + " ("
            + hint
            + PrometheusConfiguration.PID
            + ")";
    if (body.length > 0) {
      message += ": " + preview(body);
    }
    return new PrometheusException(errorType, message);
  }

  // --- Query results

  private static QueryResult queryResult(JsonNode data, List<String> warnings, List<String> infos)
      throws MalformedResponseException {
    if (!data.isObject()) {
      throw new MalformedResponseException("\"data\" is missing or not an object");
    }
    String resultType = data.path("resultType").asText();
    JsonNode result = data.path("result");
    switch (resultType) {
      case "vector":
        List<Sample> samples = vector(result, warnings);
        return new QueryResult(resultType, samples, List.of(), null, warnings, infos);
      case "scalar":
        Point point = point(result, "the scalar result");
        Sample scalar = new Sample(Map.of(), point.timestampSeconds(), point.value());
        return new QueryResult(resultType, List.of(scalar), List.of(), null, warnings, infos);
      case "string":
        return new QueryResult(resultType, List.of(), List.of(), string(result), warnings, infos);
      case "matrix":
        return new QueryResult(resultType, List.of(), matrix(result), null, warnings, infos);
      default:
        throw new MalformedResponseException("unknown resultType \"" + resultType + "\"");
    }
  }

  private static List<Sample> vector(JsonNode result, List<String> warnings)
      throws MalformedResponseException {
    JsonNode elements = array(result, "the vector result");
    List<Sample> samples = new ArrayList<>(elements.size());
    int histograms = 0;
    for (int i = 0; i < elements.size(); i++) {
      JsonNode element = elements.get(i);
      String where = "vector element " + i;
      if (!element.has("value") && element.has("histogram")) {
        histograms++;
        continue;
      }
      Map<String, String> labels = labels(element.path("metric"), where);
      Point point = point(element.path("value"), where);
      samples.add(new Sample(labels, point.timestampSeconds(), point.value()));
    }
    if (histograms > 0) {
      // Native histograms (Prometheus 2.40 and later) carry buckets, not one number.
      warnings.add(histograms + " native histogram series skipped: only float samples are read");
    }
    return samples;
  }

  private static List<TimeSeries> matrix(JsonNode result) throws MalformedResponseException {
    JsonNode elements = array(result, "the matrix result");
    List<TimeSeries> series = new ArrayList<>(elements.size());
    for (int i = 0; i < elements.size(); i++) {
      JsonNode element = elements.get(i);
      String where = "matrix series " + i;
      Map<String, String> labels = labels(element.path("metric"), where);
      JsonNode values = element.path("values");
      List<Point> points = new ArrayList<>(values.size());
      if (!values.isMissingNode()) {
        JsonNode valueArray = array(values, where + " values");
        for (int j = 0; j < valueArray.size(); j++) {
          points.add(point(valueArray.get(j), where + " value " + j));
        }
      }
      series.add(new TimeSeries(labels, points));
    }
    return series;
  }

  /** Decodes a string result, {@code [<unix seconds>, "<text>"]}, to its text. */
  private static String string(JsonNode pair) throws MalformedResponseException {
    if (!pair.isArray() || pair.size() != 2 || !pair.get(1).isTextual()) {
      throw new MalformedResponseException(
          "the string result: expected [<unix seconds>, \"<text>\"], got " + pair);
    }
    return pair.get(1).textValue();
  }

  private static Map<String, String> labels(JsonNode metric, String where)
      throws MalformedResponseException {
    if (metric.isMissingNode() || metric.isNull()) {
      return Map.of();
    }
    if (!metric.isObject()) {
      throw new MalformedResponseException(where + ": the label set is not an object");
    }
    Map<String, String> labels = new HashMap<>();
    for (Map.Entry<String, JsonNode> field : metric.properties()) {
      if (!field.getValue().isTextual()) {
        throw new MalformedResponseException(
            where + ": label " + field.getKey() + " is not a string");
      }
      labels.put(field.getKey(), field.getValue().textValue());
    }
    return labels;
  }

  /** Decodes a {@code [<unix seconds>, "<value>"]} pair. */
  private static Point point(JsonNode pair, String where) throws MalformedResponseException {
    if (!pair.isArray() || pair.size() != 2 || !pair.get(0).isNumber()) {
      throw new MalformedResponseException(
          where + ": expected [<unix seconds>, \"<value>\"], got " + pair);
    }
    double time = pair.get(0).asDouble();
    return new Point(time, value(pair.get(1), where));
  }

  private static double value(JsonNode value, String where) throws MalformedResponseException {
    if (value.isNumber()) {
      return value.asDouble();
    }
    if (!value.isTextual()) {
      throw new MalformedResponseException(where + ": value " + value + " is not a string");
    }
    try {
      return SampleValues.parse(value.textValue());
    } catch (NumberFormatException e) {
      throw new MalformedResponseException(where + ": " + e.getMessage());
    }
  }

  // --- Alerts

  private static Alert alert(JsonNode element, String where) throws MalformedResponseException {
    object(element, where);
    String state = element.path("state").asText("");
    if (state.isEmpty()) {
      throw new MalformedResponseException(where + ": \"state\" is missing");
    }
    JsonNode value = element.path("value");
    double number = value.isMissingNode() || value.isNull() ? Double.NaN : value(value, where);
    return new Alert(
        labels(element.path("labels"), where + " labels"),
        labels(element.path("annotations"), where + " annotations"),
        state,
        instant(element.path("activeAt"), where),
        number);
  }

  /**
   * Parses an RFC 3339 time as Go writes it, such as {@code 2018-07-04T20:27:12.60602144+02:00}.
   */
  private static Instant instant(JsonNode node, String where) throws MalformedResponseException {
    if (node.isMissingNode() || node.isNull()) {
      return null;
    }
    try {
      return OffsetDateTime.parse(node.asText()).toInstant();
    } catch (DateTimeParseException e) {
      throw new MalformedResponseException(
          where + ": \"activeAt\" is not an RFC 3339 time: " + node.asText());
    }
  }

  // --- Shapes

  private static JsonNode array(JsonNode node, String description)
      throws MalformedResponseException {
    if (!node.isArray()) {
      throw new MalformedResponseException(description + " is missing or not an array");
    }
    return node;
  }

  private static JsonNode object(JsonNode node, String description)
      throws MalformedResponseException {
    if (!node.isObject()) {
      throw new MalformedResponseException(description + " is missing or not an object");
    }
    return node;
  }

  private static List<String> strings(JsonNode root, String field)
      throws MalformedResponseException {
    JsonNode node = root.path(field);
    if (node.isMissingNode() || node.isNull()) {
      return List.of();
    }
    List<String> texts = new ArrayList<>(node.size());
    for (JsonNode element : array(node, "\"" + field + "\"")) {
      texts.add(element.asText());
    }
    return texts;
  }

  /** Reads the {@code data} of a successful response into the endpoint's result type. */
  @FunctionalInterface
  private interface DataReader<T> {
    T read(JsonNode data, List<String> warnings, List<String> infos)
        throws MalformedResponseException;
  }

  /** The response has status success but not the documented shape. */
  private static final class MalformedResponseException extends Exception {
    private static final long serialVersionUID = 1L;

    MalformedResponseException(String message) {
      super(message);
    }
  }
}
