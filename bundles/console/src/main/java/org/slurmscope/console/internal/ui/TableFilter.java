package org.slurmscope.console.internal.ui;

import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.slurmscope.api.console.Cell;
import org.slurmscope.api.console.Table;

/**
 * The {@code /} filter: keeps the rows in which any cell's text matches, case-insensitively. The
 * text is a regular expression when it compiles as one, else plain text; a leading {@code !} keeps
 * the rows that do not match.
 */
final class TableFilter {

  private TableFilter() {}

  static Table apply(Table table, String filter) {
    if (filter == null || filter.isEmpty() || filter.equals("!")) {
      return table;
    }
    boolean negate = filter.startsWith("!");
    Pattern pattern = compile(negate ? filter.substring(1) : filter);
    List<Table.Row> rows =
        table.rows().stream().filter(row -> matches(row, pattern) != negate).toList();
    return new Table(table.columns(), rows, table.message());
  }

  private static boolean matches(Table.Row row, Pattern pattern) {
    for (Cell cell : row.cells()) {
      if (pattern.matcher(cell.text()).find()) {
        return true;
      }
    }
    return false;
  }

  private static Pattern compile(String text) {
    try {
      return Pattern.compile(text, Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
    } catch (PatternSyntaxException e) {
      return Pattern.compile(Pattern.quote(text), Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
    }
  }
}
