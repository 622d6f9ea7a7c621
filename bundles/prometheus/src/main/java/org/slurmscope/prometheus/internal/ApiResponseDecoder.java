package org.slurmscope.prometheus.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slurmscope.api.prometheus.PrometheusException;
import org.slurmscope.api.prometheus.Sample;
import org.slurmscope.prometheus.internal.ApiResponse.Point;
import org.slurmscope.prometheus.internal.ApiResponse.RangeSeries;

/**
 * Decodes responses of the Prometheus HTTP API query endpoints, following the response format of
 * the Prometheus documentation ({@code docs/querying/api.md}): an envelope with {@code status},
 * {@code data} (or {@code errorType} and {@code error}), {@code warnings} and, from Prometheus 3,
 * {@code infos}.
 */
final class ApiResponseDecoder {

  /** Number of characters quoted in the error message from a body that is not an API response. */
  static final int PREVIEW_CHARS = 200;

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private ApiResponseDecoder() {}

  /**
   * Decodes one response.
   *
   * @param endpoint the URL the request went to, for messages
   * @param httpStatus the HTTP status code of the response
   * @param body the response body
   * @throws PrometheusException with Prometheus's {@code errorType} for an error response, {@code
   *     http} for a non-2xx response that is not an API response, {@code decode} for a 2xx response
   *     that is not one or is malformed
   */
  static ApiResponse decode(String endpoint, int httpStatus, byte[] body)
      throws PrometheusException {
    JsonNode root = readEnvelope(body);
    if (root == null) {
      throw notAnApiResponse(endpoint, httpStatus, body);
    }
    String status = root.path("status").asText();
    if (status.equals("error")) {
      throw apiError(endpoint, httpStatus, root);
    }
    // A proxy may wrap its own failure in a JSON object of a similar shape: only a 2xx response
    // that
    // says "success" is data.
    if (!status.equals("success") || httpStatus / 100 != 2) {
      throw notAnApiResponse(endpoint, httpStatus, body);
    }
    try {
      return decodeSuccess(root);
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
    String message =
        "Prometheus at "
            + endpoint
            + " returned HTTP "
            + httpStatus
            + " with "
            + bodyKind
            + " (a proxy or another service may have sent it: check url in "
            + PrometheusConfiguration.PID
            + ")";
    if (body.length > 0) {
      message += ": " + preview(body);
    }
    return new PrometheusException(errorType, message);
  }

  /** Returns the start of a body on one line, for a message. */
  static String preview(byte[] body) {
    String text = new String(body, StandardCharsets.UTF_8).strip().replaceAll("\\s+", " ");
    if (text.length() <= PREVIEW_CHARS) {
      return text;
    }
    return text.substring(0, PREVIEW_CHARS) + "...";
  }

  private static ApiResponse decodeSuccess(JsonNode root) throws MalformedResponseException {
    JsonNode data = root.path("data");
    if (!data.isObject()) {
      throw new MalformedResponseException("\"data\" is missing or not an object");
    }
    String resultType = data.path("resultType").asText();
    JsonNode result = data.path("result");
    List<String> warnings = new ArrayList<>(strings(root, "warnings"));
    List<String> infos = strings(root, "infos");
    switch (resultType) {
      case "vector":
        return new ApiResponse(resultType, vector(result, warnings), List.of(), warnings, infos);
      case "scalar":
        Point point = point(result, "the scalar result");
        Sample scalar = new Sample(Map.of(), point.timestampSeconds(), point.value());
        return new ApiResponse(resultType, List.of(scalar), List.of(), warnings, infos);
      case "string":
        // NOTE: the API's Sample contains a number, so a string result is returned without its
        // text.
        return new ApiResponse(resultType, List.of(), List.of(), warnings, infos);
      case "matrix":
        return new ApiResponse(resultType, List.of(), matrix(result), warnings, infos);
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

  private static List<RangeSeries> matrix(JsonNode result) throws MalformedResponseException {
    JsonNode elements = array(result, "the matrix result");
    List<RangeSeries> series = new ArrayList<>(elements.size());
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
      series.add(new RangeSeries(labels, points));
    }
    return series;
  }

  private static Map<String, String> labels(JsonNode metric, String where)
      throws MalformedResponseException {
    if (metric.isMissingNode() || metric.isNull()) {
      return Map.of();
    }
    if (!metric.isObject()) {
      throw new MalformedResponseException(where + ": \"metric\" is not an object");
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
    JsonNode value = pair.get(1);
    if (value.isNumber()) {
      return new Point(time, value.asDouble());
    }
    if (!value.isTextual()) {
      throw new MalformedResponseException(where + ": value " + value + " is not a string");
    }
    try {
      return new Point(time, SampleValues.parse(value.textValue()));
    } catch (NumberFormatException e) {
      throw new MalformedResponseException(where + ": " + e.getMessage());
    }
  }

  private static JsonNode array(JsonNode node, String description)
      throws MalformedResponseException {
    if (!node.isArray()) {
      throw new MalformedResponseException(description + " is missing or not an array");
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

  /** The response has status success but not the documented shape. */
  private static final class MalformedResponseException extends Exception {
    private static final long serialVersionUID = 1L;

    MalformedResponseException(String message) {
      super(message);
    }
  }
}
