package org.slurmscope.api.console;

import java.util.Objects;
import java.util.function.Function;

/**
 * A key a view reacts to, on the selected row. The console lists the view's actions in its help.
 *
 * @param key the key, a printable character that the console does not use itself
 * @param description what the key does, for the help screen
 * @param action runs on the console's UI thread with the selected row's key (null when the table is
 *     empty) and returns a one-line message for the status bar; it must not block
 */
public record ViewAction(char key, String description, Function<String, String> action) {

  public ViewAction {
    Objects.requireNonNull(description, "description");
    Objects.requireNonNull(action, "action");
  }
}
