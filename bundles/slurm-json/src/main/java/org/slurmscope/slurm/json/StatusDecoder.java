package org.slurmscope.slurm.json;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slurmscope.api.slurm.SlurmSourceException;

/**
 * Decodes slurmctld's health documents: {@code ping} ({@code scontrol ping --json}, slurmrestd's
 * {@code /ping}) and {@code diag} ({@code sdiag --json}, slurmrestd's {@code /diag}). They are a
 * few kilobytes, so each is read as one tree.
 */
public final class StatusDecoder {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private StatusDecoder() {}

  /**
   * One controller's reply to a ping.
   *
   * @param hostname the slurmctld host
   * @param up true when it replied
   * @param mode {@code primary} or {@code backup1}..., or null when not sent
   * @param latencyMicros the reply's latency in microseconds, or null before v0.0.40
   */
  public record Controller(String hostname, boolean up, String mode, Long latencyMicros) {}

  /**
   * A decoded ping.
   *
   * @param meta the document's metadata
   * @param controllers every configured controller, primary first
   */
  public record Ping(SlurmMeta meta, List<Controller> controllers) {

    /** Returns true when at least one controller replied. */
    public boolean anyUp() {
      return controllers.stream().anyMatch(Controller::up);
    }
  }

  /**
   * A decoded diag.
   *
   * @param meta the document's metadata
   * @param statistics every numeric statistic by name, nested ones dotted ({@code
   *     schedule_exit.end_job_queue}); values that are not set are left out
   */
  public record Diag(SlurmMeta meta, Map<String, Long> statistics) {}

  /**
   * Decodes a ping: {@code pings[].ping} or {@code pings[].pinged} is {@code UP} or {@code DOWN}.
   *
   * @throws SlurmSourceException for output that is not JSON, or a document with errors
   */
  public static Ping ping(InputStream in, String origin) throws IOException, SlurmSourceException {
    JsonNode root = read(in, origin);
    List<Controller> controllers = new ArrayList<>();
    for (JsonNode ping : root.path("pings")) {
      String answer =
          ping.has("pinged") ? ping.path("pinged").asText("") : ping.path("ping").asText("");
      SlurmNumber latency = SlurmNumber.of(ping.get("latency"));
      controllers.add(
          new Controller(
              ping.path("hostname").asText(""),
              answer.equalsIgnoreCase("UP"),
              ping.hasNonNull("mode") ? ping.get("mode").asText() : null,
              latency.isValue() ? latency.value() : null));
    }
    return new Ping(SlurmMeta.read(root.path("meta")), controllers);
  }

  /**
   * Decodes a diag; every statistic may be a plain number or a {@code {"set", "infinite",
   * "number"}} object, as {@code req_time} became in Slurm 24.05.
   *
   * @throws SlurmSourceException for output that is not JSON, or a document with errors
   */
  public static Diag diag(InputStream in, String origin) throws IOException, SlurmSourceException {
    JsonNode root = read(in, origin);
    Map<String, Long> statistics = new LinkedHashMap<>();
    flatten("", root.path("statistics"), statistics);
    return new Diag(SlurmMeta.read(root.path("meta")), statistics);
  }

  private static void flatten(String prefix, JsonNode object, Map<String, Long> into) {
    object
        .fields()
        .forEachRemaining(
            field -> {
              JsonNode value = field.getValue();
              String name = prefix + field.getKey();
              SlurmNumber number = SlurmNumber.of(value);
              if (number.isValue()) {
                into.put(name, number.value());
              } else if (value.isObject() && number.isInvalid()) {
                flatten(name + ".", value, into);
              }
            });
  }

  private static JsonNode read(InputStream in, String origin)
      throws IOException, SlurmSourceException {
    JsonNode root;
    try (in) {
      root = MAPPER.readTree(in);
    } catch (JsonProcessingException e) {
      throw new SlurmSourceException(
          origin + " returned output that is not valid JSON: " + e.getOriginalMessage(), e);
    }
    if (root == null || root.isMissingNode()) {
      throw new SlurmSourceException(origin + " returned no output; a JSON document was expected");
    }
    if (!root.isObject()) {
      throw new SlurmSourceException(
          origin
              + " returned JSON that is not an object (found "
              + FieldProblem.describe(root)
              + ")");
    }
    List<String> errors = new ArrayList<>();
    for (JsonNode error : root.path("errors")) {
      errors.add(SlurmMessages.text(error));
    }
    if (!errors.isEmpty()) {
      throw new SlurmSourceException(
          origin
              + " reported "
              + (errors.size() == 1 ? "an error: " : errors.size() + " errors: ")
              + String.join("; ", errors)
              + " ("
              + SlurmMeta.read(root.path("meta")).describe()
              + ")");
    }
    return root;
  }
}
