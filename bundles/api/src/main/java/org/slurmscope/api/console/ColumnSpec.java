package org.slurmscope.api.console;

import java.util.Objects;

/**
 * The layout of one column of a rendered {@link Table}.
 *
 * @param key the stable key in JSON and CSV output
 * @param title the header the terminal shows
 * @param width the preferred width in terminal columns
 * @param alignment left for text, right for numbers
 */
public record ColumnSpec(String key, String title, int width, Alignment alignment) {

  public ColumnSpec {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(alignment, "alignment");
  }
}
