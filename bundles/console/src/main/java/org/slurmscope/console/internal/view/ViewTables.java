package org.slurmscope.console.internal.view;

import java.util.ArrayList;
import java.util.List;
import org.slurmscope.api.console.Cell;
import org.slurmscope.api.console.Column;
import org.slurmscope.api.console.ColumnSpec;
import org.slurmscope.api.console.Table;
import org.slurmscope.api.state.ClusterState;

/** Builds a {@link Table} from rows and columns; shared by the built-in views. */
final class ViewTables {

  private ViewTables() {}

  /** Renders every row through every column; a column that throws shows "?" for that row. */
  static <R> Table render(
      List<R> rows,
      List<Column<R>> columns,
      ClusterState state,
      java.util.function.Function<R, String> key,
      String message) {
    List<ColumnSpec> specs = columns.stream().map(Column::spec).toList();
    List<Table.Row> rendered = new ArrayList<>(rows.size());
    for (R row : rows) {
      List<Cell> cells = new ArrayList<>(columns.size());
      for (Column<R> column : columns) {
        cells.add(safeCell(column, row, state));
      }
      rendered.add(new Table.Row(key.apply(row), cells));
    }
    return new Table(specs, rendered, message);
  }

  private static <R> Cell safeCell(Column<R> column, R row, ClusterState state) {
    try {
      Cell cell = column.cell(row, state);
      return cell == null ? Cell.NOT_AVAILABLE : cell;
    } catch (RuntimeException e) {
      // An overlay's bug must not take the table down: the cell says it is unknown.
      return Cell.INVALID;
    }
  }
}
