package org.slurmscope.slurm.json;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/** Formats the entries of Slurm's {@code errors} and {@code warnings} lists as text. */
final class SlurmMessages {

  private SlurmMessages() {}

  /**
   * Formats one entry. Entries are objects such as {@code {"description": "...", "error_number":
   * 2017, "error": "Invalid job id specified", "source": "..."}} (v0.0.38 uses {@code errno}); the
   * text is the description, the error text when it adds something, and the error number when it is
   * not 0.
   */
  static String text(JsonNode entry) {
    if (entry.isTextual()) {
      return entry.textValue().strip();
    }
    if (!entry.isObject()) {
      return entry.toString();
    }
    List<String> parts = new ArrayList<>(3);
    String description = entry.path("description").asText("").strip();
    String error = entry.path("error").asText("").strip();
    if (!description.isEmpty()) {
      parts.add(description);
    }
    if (!error.isEmpty() && !error.equals(description) && !error.equals("No error")) {
      parts.add(error);
    }
    JsonNode number = entry.has("error_number") ? entry.get("error_number") : entry.get("errno");
    if (number != null && number.canConvertToLong() && number.asLong() != 0) {
      parts.add("error " + number.asLong());
    }
    String source = entry.path("source").asText("").strip();
    if (!source.isEmpty()) {
      parts.add("from " + source);
    }
    return parts.isEmpty() ? entry.toString() : String.join(", ", parts);
  }
}
