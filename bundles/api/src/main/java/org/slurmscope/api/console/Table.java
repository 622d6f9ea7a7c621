package org.slurmscope.api.console;

import java.util.List;
import java.util.Objects;

/**
 * A rendered table: what a {@link ConsoleView} produces from one cluster state and what both the
 * terminal and the {@code --once} printer consume.
 *
 * @param columns the columns, in display order
 * @param rows the rows, in display order; each has one cell per column
 * @param message a line the view wants shown above or instead of the rows (for example why the
 *     table is empty); empty when there is none
 */
public record Table(List<ColumnSpec> columns, List<Row> rows, String message) {

  public Table {
    columns = List.copyOf(columns);
    rows = List.copyOf(rows);
    message = message == null ? "" : message;
    for (Row row : rows) {
      if (row.cells().size() != columns.size()) {
        throw new IllegalArgumentException(
            "row "
                + row.key()
                + " has "
                + row.cells().size()
                + " cells for "
                + columns.size()
                + " columns");
      }
    }
  }

  /**
   * One table row.
   *
   * @param key what the row stands for, unique in the table (a job id, a node name)
   * @param cells the cells, one per column
   */
  public record Row(String key, List<Cell> cells) {

    public Row {
      Objects.requireNonNull(key, "key");
      cells = List.copyOf(cells);
    }
  }
}
