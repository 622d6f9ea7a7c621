package org.slurmscope.console.internal.ui;

import com.googlecode.lanterna.input.KeyStroke;
import com.googlecode.lanterna.input.KeyType;
import java.util.List;
import java.util.Locale;
import org.slurmscope.api.console.ConsoleView;

/**
 * What the console shows and how the keys change it: the current view, selection, scrolling,
 * filter, input mode and help. Confined to the UI thread, and without a terminal of its own.
 */
final class ConsoleModel {

  /** The input mode, which decides what a key does. */
  enum Mode {
    NORMAL,
    /** Typing a {@code :} command. */
    COMMAND,
    /** Typing a {@code /} filter, applied while typing. */
    FILTER,
    /** The help screen. */
    HELP,
    /** The explanation of the selected row's metric values. */
    EXPLAIN
  }

  private String viewName;
  private Mode mode = Mode.NORMAL;
  private final StringBuilder input = new StringBuilder();
  private String filter = "";
  private boolean allUsers;
  private int selected;
  private String selectedKey;
  private int scroll;
  private String notice = "";
  private boolean quit;
  private boolean refreshRequested;
  private Character unhandledKey;

  ConsoleModel(String initialView, boolean allUsers) {
    this.viewName = initialView;
    this.allUsers = allUsers;
  }

  String viewName() {
    return viewName;
  }

  Mode mode() {
    return mode;
  }

  String input() {
    return input.toString();
  }

  String filter() {
    return filter;
  }

  boolean allUsers() {
    return allUsers;
  }

  int selected() {
    return selected;
  }

  int scroll() {
    return scroll;
  }

  String notice() {
    return notice;
  }

  boolean quitRequested() {
    return quit;
  }

  /** Returns, once, a key the console itself does not use, for the view's actions. */
  Character takeUnhandledKey() {
    Character key = unhandledKey;
    unhandledKey = null;
    return key;
  }

  /** Shows a one-line message in the status bar until the next key. */
  void notice(String message) {
    notice = message;
  }

  /** Returns true once after the user asked for a refresh. */
  boolean takeRefreshRequest() {
    boolean requested = refreshRequested;
    refreshRequested = false;
    return requested;
  }

  /**
   * Applies one key.
   *
   * @param key the key
   * @param views the available views, in number-key order
   * @param rowCount rows in the current (filtered) table
   * @param pageRows rows that fit on the screen
   */
  void handle(KeyStroke key, List<ConsoleView> views, int rowCount, int pageRows) {
    if (isCtrlC(key) || key.getKeyType() == KeyType.EOF) {
      quit = true;
      return;
    }
    switch (mode) {
      case NORMAL -> handleNormal(key, views, rowCount, pageRows);
      case COMMAND -> handleCommand(key, views);
      case FILTER -> handleFilter(key);
      case HELP, EXPLAIN -> handleHelp(key);
    }
  }

  private void handleNormal(KeyStroke key, List<ConsoleView> views, int rowCount, int pageRows) {
    switch (key.getKeyType()) {
      case ArrowDown -> move(1, rowCount);
      case ArrowUp -> move(-1, rowCount);
      case PageDown -> move(Math.max(1, pageRows), rowCount);
      case PageUp -> move(-Math.max(1, pageRows), rowCount);
      case Home -> move(-rowCount, rowCount);
      case End -> move(rowCount, rowCount);
      case Escape -> filter = "";
      case Character -> handleNormalCharacter(key.getCharacter(), views, rowCount);
      default -> {
        // Other keys do nothing in the table.
      }
    }
  }

  private void handleNormalCharacter(char c, List<ConsoleView> views, int rowCount) {
    notice = "";
    switch (c) {
      case 'q' -> quit = true;
      case 'j' -> move(1, rowCount);
      case 'k' -> move(-1, rowCount);
      case 'g' -> move(-rowCount, rowCount);
      case 'G' -> move(rowCount, rowCount);
      case ':' -> startInput(Mode.COMMAND, "");
      case '/' -> startInput(Mode.FILTER, "");
      case '?' -> mode = Mode.HELP;
      case 'x' -> mode = Mode.EXPLAIN;
      case 'a' -> {
        allUsers = !allUsers;
        notice = allUsers ? "Showing every user's jobs" : "Showing your own jobs";
      }
      case 'r' -> {
        refreshRequested = true;
        notice = "Refreshing";
      }
      default -> {
        if (c >= '1' && c <= '9') {
          int index = c - '1';
          if (index < views.size()) {
            switchTo(views.get(index).name());
          }
        } else {
          unhandledKey = c;
        }
      }
    }
  }

  private void handleCommand(KeyStroke key, List<ConsoleView> views) {
    switch (key.getKeyType()) {
      case Escape -> mode = Mode.NORMAL;
      case Backspace -> backspace();
      case Enter -> {
        mode = Mode.NORMAL;
        execute(input.toString().strip().toLowerCase(Locale.ROOT), views);
      }
      case Character -> input.append(key.getCharacter());
      default -> {
        // Arrows and other keys are ignored while typing a command.
      }
    }
  }

  private void handleFilter(KeyStroke key) {
    switch (key.getKeyType()) {
      case Escape -> {
        filter = "";
        mode = Mode.NORMAL;
      }
      case Enter -> mode = Mode.NORMAL;
      case Backspace -> {
        backspace();
        filter = input.toString();
      }
      case Character -> {
        input.append(key.getCharacter());
        filter = input.toString();
      }
      default -> {
        // Other keys are ignored while typing a filter.
      }
    }
    selected = 0;
    scroll = 0;
  }

  private void handleHelp(KeyStroke key) {
    if (key.getKeyType() == KeyType.Escape
        || (key.getKeyType() == KeyType.Character
            && (key.getCharacter() == '?'
                || key.getCharacter() == 'q'
                || key.getCharacter() == 'x'))) {
      mode = Mode.NORMAL;
    }
  }

  private void execute(String command, List<ConsoleView> views) {
    if (command.isEmpty()) {
      return;
    }
    if (command.equals("q") || command.equals("quit") || command.equals("q!")) {
      quit = true;
      return;
    }
    if (command.equals("help")) {
      mode = Mode.HELP;
      return;
    }
    for (ConsoleView view : views) {
      if (view.name().equals(command) || view.aliases().contains(command)) {
        switchTo(view.name());
        return;
      }
    }
    notice = "Unknown command :" + command + " (press ? for the views and keys)";
  }

  private void switchTo(String name) {
    if (!name.equals(viewName)) {
      viewName = name;
      filter = "";
      selected = 0;
      selectedKey = null;
      scroll = 0;
    }
  }

  private void startInput(Mode newMode, String initial) {
    mode = newMode;
    input.setLength(0);
    input.append(initial);
  }

  private void backspace() {
    if (input.length() > 0) {
      input.setLength(input.length() - 1);
    }
  }

  private void move(int delta, int rowCount) {
    if (rowCount == 0) {
      selected = 0;
      return;
    }
    selected = Math.max(0, Math.min(rowCount - 1, selected + delta));
    selectedKey = null;
  }

  /**
   * Keeps the selection on the same row when the table changes under it, and the selected row in
   * view.
   *
   * @param keys the row keys of the table about to be drawn
   * @param pageRows rows that fit on the screen
   */
  void follow(List<String> keys, int pageRows) {
    if (selectedKey != null) {
      int index = keys.indexOf(selectedKey);
      if (index >= 0) {
        selected = index;
      }
    }
    selected = keys.isEmpty() ? 0 : Math.min(selected, keys.size() - 1);
    selectedKey = keys.isEmpty() ? null : keys.get(selected);
    if (pageRows <= 0) {
      scroll = 0;
      return;
    }
    if (selected < scroll) {
      scroll = selected;
    } else if (selected >= scroll + pageRows) {
      scroll = selected - pageRows + 1;
    }
    scroll = Math.max(0, Math.min(scroll, Math.max(0, keys.size() - pageRows)));
  }

  private static boolean isCtrlC(KeyStroke key) {
    return key.getKeyType() == KeyType.Character
        && key.isCtrlDown()
        && Character.toLowerCase(key.getCharacter()) == 'c';
  }
}
