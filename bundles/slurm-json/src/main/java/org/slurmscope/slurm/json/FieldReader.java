package org.slurmscope.slurm.json;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.slurmscope.api.slurm.TimeLimit;

/**
 * Reads typed values out of one Slurm JSON object and records each field that has an unexpected
 * shape, so that the caller can mark it invalid and keep the rest of the record.
 *
 * <p>Every method takes the field's label for messages ({@code time_limit}, {@code cpus.total}),
 * the value (null when missing) and the model component it fills. Missing and JSON null fields are
 * absent, never invalid.
 */
final class FieldReader {

  private List<FieldProblem> problems;

  /** Returns the text with surrounding blanks removed; Slurm pads some values with a space. */
  String text(String label, JsonNode value, String component) {
    if (isAbsent(value)) {
      return null;
    }
    if (value.isTextual()) {
      return value.textValue().strip();
    }
    if (value.isNumber()) {
      return value.asText();
    }
    invalid(label, component, value);
    return null;
  }

  /** Returns a count, or null when absent, not set or infinite. */
  Integer count(String label, JsonNode value, String component) {
    return toInt(label, value, component, SlurmNumber.of(value));
  }

  /** Returns a count of a {@code uint16_t} field, whose NO_VAL is 0xfffe. */
  Integer count16(String label, JsonNode value, String component) {
    return toInt(label, value, component, SlurmNumber.of16(value));
  }

  /** Returns an amount (memory in MiB), or null when absent, not set or infinite. */
  Long amount(String label, JsonNode value, String component) {
    SlurmNumber number = number(label, value, component);
    return number.isValue() ? number.value() : null;
  }

  /**
   * Returns a time in epoch seconds, or null when absent, not set or zero: Slurm sends 0 for a time
   * that has not happened, such as the start of a job that has no estimate yet.
   */
  Instant epochSeconds(String label, JsonNode value, String component) {
    SlurmNumber number = number(label, value, component);
    if (!number.isValue() || number.value() == 0) {
      return null;
    }
    return Instant.ofEpochSecond(number.value());
  }

  /**
   * Returns a time limit in minutes: INFINITE becomes {@link TimeLimit#UNLIMITED}, NO_VAL or {@code
   * set: false} becomes {@link TimeLimit#NOT_SET}, a missing field null.
   */
  TimeLimit minutes(String label, JsonNode value, String component) {
    SlurmNumber number = number(label, value, component);
    return switch (number.kind()) {
      case VALUE -> TimeLimit.ofMinutes(number.value());
      case INFINITE -> TimeLimit.UNLIMITED;
      case NOT_SET -> TimeLimit.NOT_SET;
      case ABSENT, INVALID -> null;
    };
  }

  /**
   * Returns a load average from Slurm's {@code cpu_load}, which is the load times 100 as an
   * integer.
   */
  Double load(String label, JsonNode value, String component) {
    if (value != null && value.isFloatingPointNumber() && value.doubleValue() >= 0) {
      return value.doubleValue() / 100.0;
    }
    SlurmNumber number = number(label, value, component);
    return number.isValue() ? number.value() / 100.0 : null;
  }

  /** Returns the list of an array of strings, or of a comma-separated string. */
  List<String> texts(String label, JsonNode value, String component) {
    if (isAbsent(value)) {
      return null;
    }
    List<String> texts = new ArrayList<>();
    if (value.isTextual()) {
      for (String part : value.textValue().split(",")) {
        if (!part.isBlank()) {
          texts.add(part.strip());
        }
      }
      return texts;
    }
    if (!value.isArray()) {
      invalid(label, component, value);
      return null;
    }
    for (JsonNode element : value) {
      if (!element.isTextual()) {
        invalid(label, component, value);
        return null;
      }
      texts.add(element.textValue().strip());
    }
    return texts;
  }

  /** Decodes a number and records it when its shape is invalid. */
  SlurmNumber number(String label, JsonNode value, String component) {
    SlurmNumber number = SlurmNumber.of(value);
    if (number.isInvalid()) {
      invalid(label, component, value);
    }
    return number;
  }

  /** Records a field that could not be decoded. */
  void invalid(String label, String component, JsonNode value) {
    if (problems == null) {
      problems = new ArrayList<>(2);
    }
    problems.add(FieldProblem.of(label, component, value));
  }

  /** Returns the problems recorded so far, in the order met. */
  List<FieldProblem> problems() {
    return problems == null ? List.of() : problems;
  }

  private Integer toInt(String label, JsonNode value, String component, SlurmNumber number) {
    if (number.isInvalid() || (number.isValue() && number.value() > Integer.MAX_VALUE)) {
      invalid(label, component, value);
      return null;
    }
    return number.isValue() ? (int) number.value() : null;
  }

  private static boolean isAbsent(JsonNode value) {
    return value == null || value.isNull() || value.isMissingNode();
  }
}
