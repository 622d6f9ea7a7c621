package org.slurmscope.api.metrics;

import java.util.Map;

/**
 * One series of a query result that fed a value, or that could not be mapped to one.
 *
 * @param labels the series' labels as the server sent them
 * @param value the series' sample value; NaN and infinities as the server sent them
 * @since 1.1.0
 */
public record SeriesRef(Map<String, String> labels, double value) {

  public SeriesRef {
    labels = Map.copyOf(labels);
  }

  /** Returns the labels as PromQL writes a series, sorted by name: {@code {instance="n1:9100"}}. */
  public String labelText() {
    StringBuilder text = new StringBuilder("{");
    labels.entrySet().stream()
        .sorted(Map.Entry.comparingByKey())
        .forEach(
            label -> {
              if (text.length() > 1) {
                text.append(',');
              }
              text.append(label.getKey()).append("=\"");
              appendEscaped(text, label.getValue());
              text.append('"');
            });
    return text.append('}').toString();
  }

  private static void appendEscaped(StringBuilder text, String value) {
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      switch (c) {
        case '\\' -> text.append("\\\\");
        case '"' -> text.append("\\\"");
        case '\n' -> text.append("\\n");
        default -> text.append(c);
      }
    }
  }
}
