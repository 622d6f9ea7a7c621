package org.slurmscope.slurm.json;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One field of a job, node or partition that Slurm sent in a shape that could not be decoded.
 *
 * @param jsonField the field as Slurm names it, dotted when nested ({@code cpus.total})
 * @param component the model's record component left null ({@code cpusTotal}), or null when the
 *     model has no component for the field
 * @param found a short description of what was sent instead
 */
record FieldProblem(String jsonField, String component, String found) {

  /** Maximum length of the excerpt of an unexpected value quoted in a warning. */
  private static final int MAX_EXCERPT = 40;

  static FieldProblem of(String jsonField, String component, JsonNode value) {
    return new FieldProblem(jsonField, component, describe(value));
  }

  /** Describes a JSON value by its type and, for scalars, a short excerpt. */
  static String describe(JsonNode value) {
    if (value == null || value.isMissingNode()) {
      return "nothing";
    }
    if (value.isNull()) {
      return "null";
    }
    if (value.isTextual()) {
      return "the string \"" + excerpt(value.textValue()) + "\"";
    }
    if (value.isNumber()) {
      return "the number " + excerpt(value.asText());
    }
    if (value.isBoolean()) {
      return "the boolean " + value.asText();
    }
    if (value.isArray()) {
      return "an array of " + value.size() + " elements";
    }
    return "an object";
  }

  private static String excerpt(String text) {
    return text.length() <= MAX_EXCERPT ? text : text.substring(0, MAX_EXCERPT) + "...";
  }
}
