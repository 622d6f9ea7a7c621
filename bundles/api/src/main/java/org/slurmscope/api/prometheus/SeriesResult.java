package org.slurmscope.api.prometheus;

import java.util.List;
import java.util.Map;

/**
 * The answer of {@code /api/v1/series}.
 *
 * @param series the label set of each series that matched
 * @param warnings the {@code warnings} the server attached; non-empty means partial data
 * @since 1.1.0
 */
public record SeriesResult(List<Map<String, String>> series, List<String> warnings) {

  public SeriesResult {
    series = series.stream().<Map<String, String>>map(Map::copyOf).toList();
    warnings = List.copyOf(warnings);
  }
}
