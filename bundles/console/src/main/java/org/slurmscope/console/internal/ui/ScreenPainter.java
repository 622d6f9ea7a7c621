package org.slurmscope.console.internal.ui;

import com.googlecode.lanterna.SGR;
import com.googlecode.lanterna.TerminalSize;
import com.googlecode.lanterna.TextColor;
import com.googlecode.lanterna.graphics.TextGraphics;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.slurmscope.api.console.Alignment;
import org.slurmscope.api.console.Cell;
import org.slurmscope.api.console.ColumnSpec;
import org.slurmscope.api.console.ConsoleView;
import org.slurmscope.api.console.Table;
import org.slurmscope.api.console.Tone;
import org.slurmscope.api.slurm.SlurmSnapshot;
import org.slurmscope.api.state.ClusterState;
import org.slurmscope.api.state.SourceStatus;

/**
 * Draws one frame: header, view tabs, table title, column headers, rows and status bar. Pure
 * drawing from its arguments; runs on the UI thread only.
 */
final class ScreenPainter {

  /** Rows above the table body: header, tabs, title, column headers. */
  static final int TOP_ROWS = 4;

  /** Rows below the table body: the status bar. */
  static final int BOTTOM_ROWS = 1;

  /** Spaces between two columns. */
  static final int COLUMN_GAP = 2;

  private ScreenPainter() {}

  /** Returns how many table rows fit on a screen of the given size. */
  static int pageRows(TerminalSize size) {
    return Math.max(0, size.getRows() - TOP_ROWS - BOTTOM_ROWS);
  }

  /**
   * Everything one frame shows.
   *
   * @param model the UI state: view, selection, filter, mode
   * @param state the cluster state
   * @param views the views, in number-key order
   * @param table the current view's table, filtered
   * @param widths the natural column widths of the table
   * @param version the slurmscope version for the header
   * @param now the time data ages are computed against
   * @param problems conditions the status bar shows, most important first
   * @param viewKeys help lines for the current view's own keys
   * @param explanation where the selected row's metric values come from, for the explain screen
   */
  record Frame(
      ConsoleModel model,
      ClusterState state,
      List<ConsoleView> views,
      Table table,
      int[] widths,
      String version,
      Instant now,
      List<String> problems,
      List<String> viewKeys,
      List<String> explanation) {}

  static void paint(TextGraphics graphics, TerminalSize size, Frame frame) {
    ConsoleModel model = frame.model();
    graphics.setBackgroundColor(TextColor.ANSI.DEFAULT);
    graphics.setForegroundColor(TextColor.ANSI.DEFAULT);
    graphics.fill(' ');
    header(graphics, size, frame.state(), frame.version());
    tabs(graphics, size, model, frame.views());
    if (model.mode() == ConsoleModel.Mode.HELP) {
      HelpScreen.paint(graphics, size, frame.views(), frame.viewKeys());
    } else if (model.mode() == ConsoleModel.Mode.EXPLAIN) {
      HelpScreen.paintLines(graphics, size, frame.explanation());
    } else {
      title(graphics, size, model, frame.table());
      int[] widths = fit(frame.widths(), frame.table().columns(), size.getColumns());
      body(graphics, size, model, frame.table(), widths);
    }
    statusBar(graphics, size, frame);
  }

  private static void header(
      TextGraphics graphics, TerminalSize size, ClusterState state, String version) {
    SlurmSnapshot slurm = state.slurm();
    List<String> parts = new ArrayList<>();
    parts.add("slurmscope " + version);
    parts.add("cluster " + (slurm == null || slurm.cluster() == null ? "-" : slurm.cluster()));
    parts.add("Slurm " + slurmVersion(slurm));
    graphics.enableModifiers(SGR.BOLD);
    put(graphics, 0, 0, size.getColumns(), " " + String.join(" │ ", parts));
    graphics.disableModifiers(SGR.BOLD);
    String sources =
        "SLURM " + health(state.slurmStatus()) + " │ metrics " + health(state.metricStatus()) + " ";
    int column = Math.max(0, size.getColumns() - sources.length());
    put(graphics, column, 0, size.getColumns() - column, sources);
  }

  private static String slurmVersion(SlurmSnapshot slurm) {
    if (slurm == null || slurm.slurmVersion() == null) {
      return "-";
    }
    return slurm.apiVersion() == null
        ? slurm.slurmVersion()
        : slurm.slurmVersion() + " (" + slurm.apiVersion() + ")";
  }

  private static String health(SourceStatus status) {
    String name = status.name().isEmpty() ? "" : status.name() + ":";
    return name + status.health().name().toLowerCase(java.util.Locale.ROOT);
  }

  private static void tabs(
      TextGraphics graphics, TerminalSize size, ConsoleModel model, List<ConsoleView> views) {
    int column = 1;
    for (int i = 0; i < views.size() && i < 9; i++) {
      ConsoleView view = views.get(i);
      String label = "<" + (i + 1) + "> " + view.name();
      if (view.name().equals(model.viewName())) {
        graphics.enableModifiers(SGR.REVERSE);
      }
      put(graphics, column, 1, size.getColumns() - column, label);
      graphics.disableModifiers(SGR.REVERSE);
      column += label.length() + 2;
    }
    boolean jobsView =
        views.stream()
            .anyMatch(
                view -> view.name().equals(model.viewName()) && view.rowKind().equals("jobs"));
    if (!jobsView) {
      return;
    }
    String hint = model.allUsers() ? "jobs: all users" : "jobs: mine";
    int hintColumn = size.getColumns() - hint.length() - 1;
    if (hintColumn > column) {
      put(graphics, hintColumn, 1, hint.length(), hint);
    }
  }

  private static void title(
      TextGraphics graphics, TerminalSize size, ConsoleModel model, Table table) {
    StringBuilder title = new StringBuilder("─ ").append(model.viewName());
    title.append(" (").append(table.rows().size()).append(") ");
    if (!model.filter().isEmpty()) {
      title.append("─ filter /").append(model.filter()).append("/ ");
    }
    while (title.length() < size.getColumns()) {
      title.append('─');
    }
    graphics.setForegroundColor(TextColor.ANSI.CYAN);
    put(graphics, 0, 2, size.getColumns(), title.toString());
    graphics.setForegroundColor(TextColor.ANSI.DEFAULT);
  }

  private static void body(
      TextGraphics graphics, TerminalSize size, ConsoleModel model, Table table, int[] widths) {
    List<ColumnSpec> columns = table.columns();
    graphics.enableModifiers(SGR.BOLD);
    drawRow(graphics, size, 3, widths, columns, columns.stream().map(ColumnSpec::title).toList());
    graphics.disableModifiers(SGR.BOLD);
    int pageRows = pageRows(size);
    if (table.rows().isEmpty()) {
      String message = table.message().isEmpty() ? "Waiting for data…" : table.message();
      if (!model.filter().isEmpty()) {
        message = "No rows match the filter /" + model.filter() + "/ (Esc clears it)";
      }
      graphics.setForegroundColor(TextColor.ANSI.YELLOW);
      put(graphics, 1, TOP_ROWS, size.getColumns() - 1, message);
      graphics.setForegroundColor(TextColor.ANSI.DEFAULT);
      return;
    }
    for (int line = 0; line < pageRows; line++) {
      int index = model.scroll() + line;
      if (index >= table.rows().size()) {
        break;
      }
      Table.Row row = table.rows().get(index);
      boolean selected = index == model.selected();
      if (selected) {
        graphics.enableModifiers(SGR.REVERSE);
      }
      drawCells(graphics, size, TOP_ROWS + line, widths, columns, row.cells());
      graphics.disableModifiers(SGR.REVERSE);
    }
  }

  /** Returns each column's natural width: its widest cell or its title. */
  static int[] widths(Table table) {
    List<ColumnSpec> columns = table.columns();
    int[] widths = new int[columns.size()];
    for (int i = 0; i < widths.length; i++) {
      widths[i] = columns.get(i).title().length();
    }
    for (Table.Row row : table.rows()) {
      for (int i = 0; i < widths.length; i++) {
        widths[i] = Math.max(widths[i], row.cells().get(i).text().length());
      }
    }
    return widths;
  }

  /**
   * Fits the natural widths to the screen: each column first gets at most its preferred width (or
   * its title's), then the room left on the screen goes, left to right, to the columns whose cells
   * were cut, so a wide terminal shows whole values and a narrow one keeps more columns.
   */
  static int[] fit(int[] natural, List<ColumnSpec> columns, int screenColumns) {
    int[] widths = new int[natural.length];
    int used = 1;
    for (int i = 0; i < widths.length; i++) {
      int preferred = Math.max(columns.get(i).width(), columns.get(i).title().length());
      widths[i] = Math.min(natural[i], preferred);
      used += widths[i] + COLUMN_GAP;
    }
    int room = screenColumns - used;
    for (int i = 0; i < widths.length && room > 0; i++) {
      int extra = Math.min(room, natural[i] - widths[i]);
      widths[i] += extra;
      room -= extra;
    }
    return widths;
  }

  private static void drawRow(
      TextGraphics graphics,
      TerminalSize size,
      int row,
      int[] widths,
      List<ColumnSpec> columns,
      List<String> texts) {
    int column = 1;
    for (int i = 0; i < texts.size() && column < size.getColumns(); i++) {
      String text = fit(texts.get(i), widths[i], columns.get(i).alignment());
      put(graphics, column, row, size.getColumns() - column, text);
      column += widths[i] + COLUMN_GAP;
    }
  }

  private static void drawCells(
      TextGraphics graphics,
      TerminalSize size,
      int row,
      int[] widths,
      List<ColumnSpec> columns,
      List<Cell> cells) {
    int column = 1;
    // Paint the whole line first so a selected row is highlighted edge to edge.
    put(graphics, 0, row, size.getColumns(), " ".repeat(size.getColumns()));
    for (int i = 0; i < cells.size() && column < size.getColumns(); i++) {
      Cell cell = cells.get(i);
      graphics.setForegroundColor(color(cell.tone()));
      put(
          graphics,
          column,
          row,
          size.getColumns() - column,
          fit(cell.text(), widths[i], columns.get(i).alignment()));
      column += widths[i] + COLUMN_GAP;
    }
    graphics.setForegroundColor(TextColor.ANSI.DEFAULT);
  }

  private static void statusBar(TextGraphics graphics, TerminalSize size, Frame frame) {
    ConsoleModel model = frame.model();
    ClusterState state = frame.state();
    Instant now = frame.now();
    int row = size.getRows() - 1;
    String left;
    TextColor color = TextColor.ANSI.DEFAULT;
    if (model.mode() == ConsoleModel.Mode.COMMAND) {
      left = ":" + model.input() + "█";
    } else if (model.mode() == ConsoleModel.Mode.FILTER) {
      left = "/" + model.input() + "█";
    } else if (!model.notice().isEmpty()) {
      left = model.notice();
    } else if (!frame.problems().isEmpty()) {
      left = frame.problems().get(0);
      color = TextColor.ANSI.RED;
    } else if (!state.slurmStatus().message().isEmpty()) {
      left = "SLURM: " + state.slurmStatus().message();
      color = TextColor.ANSI.RED;
    } else if (!state.metricStatus().message().isEmpty()) {
      left = "metrics: " + state.metricStatus().message();
      color = TextColor.ANSI.YELLOW;
    } else {
      left = "? help  / filter  : command  a all jobs  q quit";
    }
    String right =
        age("SLURM", state.slurm() == null ? null : state.slurm().fetchedAt(), now)
            + "  "
            + age("metrics", state.metrics() == null ? null : state.metrics().fetchedAt(), now);
    int rightColumn = Math.max(0, size.getColumns() - right.length() - 1);
    graphics.setForegroundColor(color);
    put(graphics, 1, row, Math.max(0, rightColumn - 2), left);
    graphics.setForegroundColor(TextColor.ANSI.DEFAULT);
    put(graphics, rightColumn, row, size.getColumns() - rightColumn, right);
  }

  private static String age(String label, Instant fetchedAt, Instant now) {
    if (fetchedAt == null) {
      return label + " loading…";
    }
    long seconds = Math.max(0, Duration.between(fetchedAt, now).getSeconds());
    return label + " " + seconds + "s ago";
  }

  static TextColor color(Tone tone) {
    return switch (tone) {
      case GOOD -> TextColor.ANSI.GREEN;
      case WARNING -> TextColor.ANSI.YELLOW;
      case CRITICAL -> TextColor.ANSI.RED;
      case DIM -> TextColor.ANSI.BLACK_BRIGHT;
      case NORMAL -> TextColor.ANSI.DEFAULT;
    };
  }

  /** Pads or cuts a text to a width; a cut text ends with an ellipsis. */
  static String fit(String text, int width, Alignment alignment) {
    if (text.length() > width) {
      return width <= 1 ? text.substring(0, width) : text.substring(0, width - 1) + "…";
    }
    String padding = " ".repeat(width - text.length());
    return alignment == Alignment.RIGHT ? padding + text : text + padding;
  }

  /** Writes text at a position, cut to the space available. */
  static void put(TextGraphics graphics, int column, int row, int available, String text) {
    if (available <= 0 || row < 0) {
      return;
    }
    graphics.putString(
        column, row, text.length() > available ? text.substring(0, available) : text);
  }
}
