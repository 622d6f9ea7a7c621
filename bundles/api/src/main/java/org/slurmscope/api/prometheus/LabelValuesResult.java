package org.slurmscope.api.prometheus;

import java.util.List;

/**
 * The answer of {@code /api/v1/label/<name>/values}.
 *
 * @param values the label's values, in the server's order (sorted by Prometheus)
 * @param warnings the {@code warnings} the server attached; non-empty means partial data
 * @since 1.1.0
 */
public record LabelValuesResult(List<String> values, List<String> warnings) {

  public LabelValuesResult {
    values = List.copyOf(values);
    warnings = List.copyOf(warnings);
  }
}
