package org.slurmscope.slurm.json;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits a Slurm state into its parts, base first. A job's state is one string up to data_parser
 * v0.0.39 and an array from v0.0.40 on. A node's state is a lower-case string up to openapi v0.0.38
 * and an array such as {@code ["IDLE", "DRAIN"]} from v0.0.39 on. A string in Slurm's compound form
 * ({@code IDLE+DRAIN}) is split at the {@code +} signs.
 */
final class StateParts {

  private StateParts() {}

  /** Returns the parts with blanks removed, or null when the value is not a state. */
  static List<String> of(JsonNode value) {
    if (value == null) {
      return null;
    }
    List<String> parts = new ArrayList<>(2);
    if (value.isTextual()) {
      for (String part : value.textValue().split("\\+")) {
        if (!part.isBlank()) {
          parts.add(part.strip());
        }
      }
    } else if (value.isArray()) {
      for (JsonNode element : value) {
        if (!element.isTextual() || element.textValue().isBlank()) {
          return null;
        }
        parts.add(element.textValue().strip());
      }
    }
    return parts.isEmpty() ? null : parts;
  }
}
