package org.slurmscope.console.internal.ui;

import com.googlecode.lanterna.TerminalSize;
import com.googlecode.lanterna.graphics.TextGraphics;
import java.util.ArrayList;
import java.util.List;
import org.slurmscope.api.console.ConsoleView;

/** The {@code ?} screen: keys and views. */
final class HelpScreen {

  static final List<String> KEYS =
      List.of(
          "Keys",
          "  1-9          switch to the numbered view",
          "  :VIEW Enter  switch view by name or alias (:jobs, :nodes); :q quits",
          "  ↑ ↓  j k     move the selection; PgUp PgDn, Home End, g G jump",
          "  /TEXT        filter rows (case-insensitive regular expression; !TEXT inverts);",
          "               Enter keeps it, Esc clears it",
          "  a            jobs view: toggle your own jobs / every user's jobs",
          "  r            refresh now",
          "  x            where the selected row's metric values come from; Esc or x closes it",
          "  ?            this help; Esc or ? closes it",
          "  q  Ctrl-C    quit");

  private HelpScreen() {}

  static void paint(
      TextGraphics graphics, TerminalSize size, List<ConsoleView> views, List<String> viewKeys) {
    List<String> lines = new ArrayList<>(KEYS);
    if (!viewKeys.isEmpty()) {
      lines.add("");
      lines.add("Keys of this view");
      lines.addAll(viewKeys);
    }
    lines.add("");
    lines.add("Views");
    for (int i = 0; i < views.size(); i++) {
      ConsoleView view = views.get(i);
      String key = i < 9 ? Integer.toString(i + 1) : " ";
      String aliases =
          view.aliases().isEmpty() ? "" : " (" + String.join(", ", view.aliases()) + ")";
      lines.add("  " + key + "  :" + view.name() + aliases + "  " + view.description());
    }
    int row = 2;
    for (String line : lines) {
      if (row >= size.getRows() - ScreenPainter.BOTTOM_ROWS) {
        break;
      }
      ScreenPainter.put(graphics, 1, row++, size.getColumns() - 1, line);
    }
  }

  /** Draws lines from the third row down, wrapping long ones (PromQL) at the screen's width. */
  static void paintLines(TextGraphics graphics, TerminalSize size, List<String> lines) {
    int width = Math.max(1, size.getColumns() - 2);
    int row = 2;
    for (String line : lines) {
      String rest = line;
      do {
        if (row >= size.getRows() - ScreenPainter.BOTTOM_ROWS) {
          return;
        }
        String part = rest.length() > width ? rest.substring(0, width) : rest;
        ScreenPainter.put(graphics, 1, row++, width, part);
        rest = rest.substring(part.length());
      } while (!rest.isEmpty());
    }
  }
}
