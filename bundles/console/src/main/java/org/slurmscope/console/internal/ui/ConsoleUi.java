package org.slurmscope.console.internal.ui;

import com.googlecode.lanterna.TerminalSize;
import com.googlecode.lanterna.input.KeyStroke;
import com.googlecode.lanterna.screen.Screen;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slurmscope.api.console.ColumnOverlay;
import org.slurmscope.api.console.ConsoleView;
import org.slurmscope.api.console.Table;
import org.slurmscope.api.console.ViewAction;
import org.slurmscope.api.console.ViewContext;
import org.slurmscope.api.metrics.MetricExplanations;
import org.slurmscope.api.state.ClusterState;

/**
 * The console's UI loop: reads keys, follows the cluster state and redraws the screen. It is the
 * only code that touches the screen, on its one thread.
 */
public final class ConsoleUi {

  /**
   * Inputs the UI reads on every turn of its loop. Every supplier must be cheap and thread-safe.
   *
   * @param state the latest cluster state
   * @param views the views, in number-key order
   * @param overlays the active column overlays
   * @param refresh asks every source to poll now
   * @param problems configuration problems and other conditions the status bar must show
   * @param toggles the overlay keys, including those of overlays that are off
   * @param toggle switches an overlay's PID and returns a message
   */
  public record Sources(
      Supplier<ClusterState> state,
      Supplier<List<ConsoleView>> views,
      Supplier<List<ColumnOverlay>> overlays,
      Runnable refresh,
      Supplier<List<String>> problems,
      Supplier<List<OverlayToggle>> toggles,
      Function<String, String> toggle) {

    /** Sources without configuration problems or overlay keys, for tests and embedding. */
    public static Sources of(
        Supplier<ClusterState> state,
        Supplier<List<ConsoleView>> views,
        Supplier<List<ColumnOverlay>> overlays,
        Runnable refresh) {
      return new Sources(state, views, overlays, refresh, List::of, List::of, pid -> "");
    }
  }

  /** How often the loop checks for keys and new state when idle. */
  private static final Duration TICK = Duration.ofMillis(50);

  /** The screen is redrawn at least this often, so data ages count up. */
  private static final Duration REDRAW = Duration.ofSeconds(1);

  private final Screen screen;
  private final Sources sources;
  private final ConsoleModel model;
  private final String user;
  private final String version;
  private final Clock clock;

  private Table cachedTable;
  private int[] cachedWidths;
  private Object cachedTableKey;

  public ConsoleUi(
      Screen screen,
      Sources sources,
      String user,
      String version,
      String initialView,
      Clock clock) {
    this.screen = screen;
    this.sources = sources;
    this.user = user;
    this.version = version;
    this.clock = clock;
    this.model = new ConsoleModel(initialView, false);
  }

  /**
   * Runs until the user quits or the thread is interrupted. The caller starts the screen before and
   * stops it after.
   */
  public void run() throws IOException {
    long lastGeneration = -1;
    Instant lastDraw = Instant.MIN;
    List<ColumnOverlay> lastOverlays = List.of();
    List<ConsoleView> lastViews = List.of();
    boolean dirty = true;
    while (!model.quitRequested() && !Thread.currentThread().isInterrupted()) {
      KeyStroke key = screen.pollInput();
      if (key != null) {
        handle(key);
        dirty = true;
        continue;
      }
      if (screen.doResizeIfNecessary() != null) {
        dirty = true;
      }
      // An overlay or view that comes or goes (a toggle, a configuration file) shows at once.
      List<ColumnOverlay> overlays = sources.overlays().get();
      List<ConsoleView> views = views();
      if (!overlays.equals(lastOverlays) || !views.equals(lastViews)) {
        lastOverlays = overlays;
        lastViews = views;
        dirty = true;
      }
      ClusterState state = sources.state().get();
      Instant now = clock.instant();
      if (dirty
          || state.generation() != lastGeneration
          || Duration.between(lastDraw, now).compareTo(REDRAW) >= 0) {
        draw(state, now);
        lastGeneration = state.generation();
        lastDraw = now;
        dirty = false;
      }
      sleep();
    }
  }

  /** Returns true when the loop ended because the user asked to quit. */
  public boolean quitRequested() {
    return model.quitRequested();
  }

  private void handle(KeyStroke key) {
    TerminalSize size = screen.getTerminalSize();
    Table table = currentTable(sources.state().get());
    model.handle(key, views(), table.rows().size(), ScreenPainter.pageRows(size));
    if (model.takeRefreshRequest()) {
      sources.refresh().run();
    }
    Character unhandled = model.takeUnhandledKey();
    if (unhandled != null) {
      runKey(unhandled, table);
    }
  }

  /** Runs the current view's action or overlay toggle bound to a key. */
  private void runKey(char key, Table table) {
    ConsoleView view = currentView();
    if (view == null) {
      return;
    }
    for (ViewAction action : view.actions()) {
      if (action.key() == key) {
        String row = table.rows().isEmpty() ? null : table.rows().get(model.selected()).key();
        model.notice(action.action().apply(row));
        return;
      }
    }
    for (OverlayToggle toggle : sources.toggles().get()) {
      if (toggle.key() == key && toggle.rowKind().equals(view.rowKind())) {
        model.notice(sources.toggle().apply(toggle.pid()));
        return;
      }
    }
  }

  /** Draws one frame; visible for the screen tests. */
  void draw(ClusterState state, Instant now) throws IOException {
    TerminalSize size = screen.getTerminalSize();
    Table table = currentTable(state);
    model.follow(table.rows().stream().map(Table.Row::key).toList(), ScreenPainter.pageRows(size));
    ScreenPainter.Frame frame =
        new ScreenPainter.Frame(
            model,
            state,
            views(),
            table,
            cachedWidths,
            version,
            now,
            sources.problems().get(),
            helpLines(),
            model.mode() == ConsoleModel.Mode.EXPLAIN ? explanation(state, table) : List.of());
    ScreenPainter.paint(screen.newTextGraphics(), size, frame);
    // AUTOMATIC redraws everything after a resize, and only the changed cells otherwise.
    screen.refresh(Screen.RefreshType.AUTOMATIC);
  }

  /** Explains the metric cells of the selected row: query, series, or why there is no value. */
  private List<String> explanation(ClusterState state, Table table) {
    ConsoleView view = currentView();
    if (view == null || table.rows().isEmpty() || state.slurm() == null) {
      return List.of("No row is selected.");
    }
    String key = table.rows().get(model.selected()).key();
    Set<String> metrics = new TreeSet<>();
    for (ColumnOverlay overlay : sources.overlays().get()) {
      boolean shown =
          view.rowKind().equals(ColumnOverlay.NODES)
              ? !overlay.nodeColumns().isEmpty()
              : view.rowKind().equals(ColumnOverlay.JOBS) && !overlay.jobColumns().isEmpty();
      if (shown) {
        metrics.addAll(overlay.metrics());
      }
    }
    List<String> lines = new ArrayList<>();
    lines.add("Metric values of " + view.rowKind() + " row " + key + " (Esc or x closes)");
    lines.add("");
    if (metrics.isEmpty()) {
      lines.add("This view shows no metric columns.");
      return lines;
    }
    if (view.rowKind().equals(ColumnOverlay.NODES)) {
      state.slurm().nodes().stream()
          .filter(node -> node.name().equals(key))
          .findFirst()
          .ifPresent(
              node -> lines.addAll(MetricExplanations.forNode(state.metrics(), metrics, node)));
    } else if (view.rowKind().equals(ColumnOverlay.JOBS)) {
      state.slurm().jobs().stream()
          .filter(job -> job.id().equals(key))
          .findFirst()
          .ifPresent(job -> lines.addAll(MetricExplanations.forJob(state.metrics(), metrics, job)));
    }
    return lines;
  }

  /** Keys of the current view: its actions and the overlay toggles for its rows. */
  private List<String> helpLines() {
    ConsoleView view = currentView();
    List<String> lines = new ArrayList<>();
    if (view == null) {
      return lines;
    }
    for (ViewAction action : view.actions()) {
      lines.add("  " + action.key() + "            " + action.description());
    }
    for (OverlayToggle toggle : sources.toggles().get()) {
      if (toggle.rowKind().equals(view.rowKind())) {
        String change = toggle.enabled() ? "off" : "on";
        lines.add(
            "  " + toggle.key() + "            switch the " + toggle.name() + " columns " + change);
      }
    }
    return lines;
  }

  ConsoleModel model() {
    return model;
  }

  /**
   * Renders the current view's table, filtered. The result is reused until the state, the view, the
   * overlays, the job scope or the filter changes, so a large cluster is rendered once per refresh,
   * not once per key.
   */
  private Table currentTable(ClusterState state) {
    ConsoleView view = currentView();
    List<ColumnOverlay> overlays = sources.overlays().get();
    // A live view is rendered again every second; others only when the state changes.
    long liveTick = view != null && view.live() ? clock.millis() / 1000 : 0;
    Object key =
        List.of(
            state.generation(),
            view == null ? "" : view,
            overlays,
            model.allUsers(),
            model.filter(),
            liveTick);
    if (cachedTable != null && Objects.equals(key, cachedTableKey)) {
      return cachedTable;
    }
    Table table;
    if (view == null) {
      table = new Table(List.of(), List.of(), "No view named " + model.viewName() + " is active");
    } else {
      table = view.table(state, overlays, new ViewContext(user, model.allUsers()));
    }
    cachedTable = TableFilter.apply(table, model.filter());
    cachedWidths = ScreenPainter.widths(cachedTable);
    cachedTableKey = key;
    return cachedTable;
  }

  private ConsoleView currentView() {
    for (ConsoleView view : views()) {
      if (view.name().equals(model.viewName())) {
        return view;
      }
    }
    return null;
  }

  private List<ConsoleView> views() {
    return sources.views().get();
  }

  private static void sleep() {
    try {
      Thread.sleep(TICK.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
