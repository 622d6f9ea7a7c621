package org.slurmscope.api.console;

import java.util.Objects;
import java.util.function.BiFunction;
import org.slurmscope.api.state.ClusterState;

/**
 * One table column over rows of type {@code R}: its JSON key, title, width and the function that
 * renders a row's cell. Renderers are pure: the same row and state give the same cell.
 *
 * @param key the stable key of the column in JSON and CSV output, in snake case ({@code
 *     cpu_percent})
 * @param title the header the terminal shows
 * @param width the preferred width in terminal columns; longer text is cut
 * @param alignment left for text, right for numbers
 * @param renderer computes the cell for a row from the row and the current cluster state
 * @param <R> the row type, for example {@link org.slurmscope.api.slurm.Node}
 */
public record Column<R>(
    String key,
    String title,
    int width,
    Alignment alignment,
    BiFunction<R, ClusterState, Cell> renderer) {

  public Column {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(alignment, "alignment");
    Objects.requireNonNull(renderer, "renderer");
    if (width < 1) {
      throw new IllegalArgumentException("column " + key + ": width must be positive: " + width);
    }
  }

  /** Renders the cell of one row. */
  public Cell cell(R row, ClusterState state) {
    return renderer.apply(row, state);
  }

  /** Returns the column's layout without its renderer. */
  public ColumnSpec spec() {
    return new ColumnSpec(key, title, width, alignment);
  }
}
