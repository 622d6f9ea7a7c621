package org.slurmscope.slurm.json;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * Collects what went wrong while decoding one document and turns it into snapshot warnings once the
 * document's {@code meta} is known (24.11 sends {@code meta} after the job list).
 *
 * <p>Field warnings are capped at {@link #MAX_FIELD_WARNINGS}: when a new Slurm release changes a
 * field of every job, 100,000 identical warnings add nothing, so the rest are counted in one
 * summary line.
 */
final class DecodeWarnings {

  /** Field warnings listed one by one before the rest are only counted. */
  static final int MAX_FIELD_WARNINGS = 20;

  private final List<Entry> fieldEntries = new ArrayList<>();
  private final List<String> otherEntries = new ArrayList<>();
  private int omittedFields;

  /** A field problem of one record, kept until the metadata is known. */
  private record Entry(String record, FieldProblem problem) {}

  /** Records the field problems of one record, such as {@code job 8_[3-6%2]}. */
  void fields(String record, List<FieldProblem> problems) {
    for (FieldProblem problem : problems) {
      if (fieldEntries.size() < MAX_FIELD_WARNINGS) {
        fieldEntries.add(new Entry(record, problem));
      } else {
        omittedFields++;
      }
    }
  }

  /** Records a record that was left out because its identifying field could not be decoded. */
  void skipped(String record, String field, JsonNode value) {
    otherEntries.add(
        record
            + " was skipped: its "
            + field
            + " is missing or invalid (found "
            + FieldProblem.describe(value)
            + ")");
  }

  /** Records a problem with the document's structure, such as a list that is not an array. */
  void structure(String message) {
    otherEntries.add(message);
  }

  /** Records a warning that Slurm itself put in the document's {@code warnings} list. */
  void fromSlurm(String text) {
    otherEntries.add("Slurm warning: " + text);
  }

  /** Formats the warnings, each naming the origin and the Slurm release. */
  List<String> format(String origin, SlurmMeta meta) {
    String release = " (" + meta.describe() + ")";
    List<String> warnings = new ArrayList<>();
    for (Entry entry : fieldEntries) {
      FieldProblem problem = entry.problem();
      String effect =
          problem.component() == null
              ? "it was ignored"
              : problem.component() + " is shown as unknown";
      warnings.add(
          origin
              + ": "
              + entry.record()
              + ": field "
              + problem.jsonField()
              + " could not be decoded (found "
              + problem.found()
              + "), so "
              + effect
              + release);
    }
    if (omittedFields > 0) {
      warnings.add(
          origin
              + ": "
              + omittedFields
              + " more fields could not be decoded; only the first "
              + MAX_FIELD_WARNINGS
              + " are listed"
              + release);
    }
    for (String entry : otherEntries) {
      warnings.add(origin + ": " + entry + release);
    }
    return warnings;
  }
}
