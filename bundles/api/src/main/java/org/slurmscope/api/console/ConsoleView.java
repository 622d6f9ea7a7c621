package org.slurmscope.api.console;

import java.util.List;
import org.osgi.annotation.versioning.ConsumerType;
import org.slurmscope.api.state.ClusterState;

/**
 * A table view of the console, such as jobs or nodes. Register an implementation as an OSGi service
 * (whiteboard): the console adds it while it runs, reachable by {@code :name}, its aliases and, for
 * the first nine views by {@link #order()}, a number key; it removes the view when the service
 * goes.
 *
 * <p>{@link #table} runs on the console's UI thread and must not block; it reads only the state it
 * is given.
 */
@ConsumerType
public interface ConsoleView {

  /** Returns the view's command name, lower case, for example {@code nodes}. */
  String name();

  /** Returns other names the view answers to in command mode, for example {@code no}. */
  default List<String> aliases() {
    return List.of();
  }

  /** Returns the view's position in the number-key order; lower comes first. */
  int order();

  /** Returns the kind of row this view lists, for example {@code nodes}, so overlays can join. */
  String rowKind();

  /** Returns a one-line description for the help screen. */
  String description();

  /**
   * Returns true when the table shows data that is not in the cluster state (such as the plugins
   * view's bundles), so the console renders it again on every redraw instead of only when the state
   * changes.
   *
   * @since 1.1
   */
  default boolean live() {
    return false;
  }

  /**
   * Returns the keys this view reacts to on the selected row.
   *
   * @since 1.1
   */
  default List<ViewAction> actions() {
    return List.of();
  }

  /**
   * Renders the view's table.
   *
   * @param state the state to render; its snapshots may be null before the first poll
   * @param overlays the active overlays, each adding columns for this view's row kind
   * @param context who is looking and with which options
   */
  Table table(ClusterState state, List<ColumnOverlay> overlays, ViewContext context);
}
