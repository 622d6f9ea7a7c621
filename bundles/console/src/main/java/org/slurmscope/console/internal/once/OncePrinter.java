package org.slurmscope.console.internal.once;

import java.io.IOException;
import java.io.PrintStream;
import java.io.Writer;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import org.slurmscope.api.console.ColumnOverlay;
import org.slurmscope.api.console.ConsoleView;
import org.slurmscope.api.console.Table;
import org.slurmscope.api.console.ViewContext;
import org.slurmscope.api.metrics.MetricSnapshot;
import org.slurmscope.api.state.ClusterState;
import org.slurmscope.api.state.SourceStatus.Health;

/**
 * {@code --once VIEW}: waits for the first SLURM snapshot and the first result for every metric the
 * view's overlays need, bounded by a timeout, then prints one table and returns the exit code.
 */
public final class OncePrinter {

  /** Printed completely. */
  public static final int EXIT_OK = 0;

  /** Nothing printed: SLURM failed, the view is unknown, or the timeout passed. */
  public static final int EXIT_FAILED = 1;

  /** Printed, but some metrics failed or no metric source was available: those cells are n/a. */
  public static final int EXIT_PARTIAL = 3;

  private static final Duration POLL = Duration.ofMillis(50);

  /** How long a missing source may take to appear, as bundles start, before --once gives up. */
  private static final Duration SOURCE_GRACE = Duration.ofSeconds(5);

  private final Supplier<ClusterState> state;
  private final Supplier<List<ConsoleView>> views;
  private final Supplier<List<ColumnOverlay>> overlays;
  private final Supplier<List<String>> problems;

  /**
   * Creates the printer.
   *
   * @param problems configuration problems, printed when no data arrives because of them
   */
  public OncePrinter(
      Supplier<ClusterState> state,
      Supplier<List<ConsoleView>> views,
      Supplier<List<ColumnOverlay>> overlays,
      Supplier<List<String>> problems) {
    this.state = state;
    this.views = views;
    this.overlays = overlays;
    this.problems = problems;
  }

  /**
   * Waits, prints and returns the exit code.
   *
   * @param viewName the view to print
   * @param format table, csv or json
   * @param timeout how long to wait for the sources
   * @param user the user running the command (the jobs view prints every user's jobs regardless)
   * @param out where the table goes
   * @param err where problems are reported
   */
  public int run(
      String viewName, String format, Duration timeout, String user, Writer out, PrintStream err)
      throws InterruptedException, IOException {
    Instant deadline = Instant.now().plus(timeout);
    ConsoleView view = awaitView(viewName, deadline);
    if (view == null) {
      err.println("slurmscope: no view named '" + viewName + "': use one of " + viewNames());
      return EXIT_FAILED;
    }
    ClusterState current = state.get();
    Instant sourceDeadline = min(deadline, Instant.now().plus(SOURCE_GRACE));
    while (!ready(current, view, sourceDeadline) && Instant.now().isBefore(deadline)) {
      Thread.sleep(POLL.toMillis());
      current = state.get();
    }
    if (current.slurm() == null) {
      err.println("slurmscope: no SLURM data: " + slurmProblem(current));
      problems.get().forEach(problem -> err.println("slurmscope: " + problem));
      return EXIT_FAILED;
    }
    Table table = view.table(current, overlays.get(), new ViewContext(user, true));
    TableWriter.write(table, format, out);
    return reportMetrics(current, view, err);
  }

  private ConsoleView awaitView(String name, Instant deadline) throws InterruptedException {
    // The built-in views register as the bundles start; give them a moment, not the whole timeout.
    Instant viewDeadline = min(deadline, Instant.now().plusSeconds(5));
    while (true) {
      for (ConsoleView view : views.get()) {
        if (view.name().equals(name) || view.aliases().contains(name)) {
          return view;
        }
      }
      if (!Instant.now().isBefore(viewDeadline)) {
        return null;
      }
      Thread.sleep(POLL.toMillis());
    }
  }

  /** Returns true once SLURM responded and every metric the view shows has a result or an error. */
  private boolean ready(ClusterState current, ConsoleView view, Instant sourceDeadline) {
    if (current.slurm() == null) {
      // A failed first poll ends the wait: a script gets the error now, not after the timeout.
      return current.slurmStatus().health() == Health.DEGRADED
          || current.slurmStatus().health() == Health.UNAVAILABLE
              && !Instant.now().isBefore(sourceDeadline);
    }
    if (current.metricStatus().health() == Health.UNAVAILABLE
        || current.metricStatus().health() == Health.DEGRADED && current.metrics() == null) {
      return true;
    }
    MetricSnapshot metrics = current.metrics();
    if (metrics == null) {
      return false;
    }
    for (String metric : wantedMetrics(view)) {
      if (!metrics.results().containsKey(metric) && !metrics.errors().containsKey(metric)) {
        return false;
      }
    }
    return true;
  }

  private int reportMetrics(ClusterState current, ConsoleView view, PrintStream err) {
    if (wantedMetrics(view).isEmpty()) {
      return EXIT_OK;
    }
    if (current.metrics() == null) {
      String reason = current.metricStatus().message();
      err.println(
          "slurmscope: metrics unavailable: "
              + (reason.isEmpty()
                  ? "no answer from the metric source within the --timeout"
                  : reason));
      return EXIT_PARTIAL;
    }
    if (!current.metrics().errors().isEmpty()) {
      current
          .metrics()
          .errors()
          .forEach(
              (metric, error) -> err.println("slurmscope: metric " + metric + " failed: " + error));
      return EXIT_PARTIAL;
    }
    return EXIT_OK;
  }

  /** Returns the metrics of the overlays that add columns to the view, the only ones waited for. */
  private Set<String> wantedMetrics(ConsoleView view) {
    Set<String> wanted = new TreeSet<>();
    for (ColumnOverlay overlay : overlays.get()) {
      boolean shown =
          switch (view.rowKind()) {
            case ColumnOverlay.NODES -> !overlay.nodeColumns().isEmpty();
            case ColumnOverlay.JOBS -> !overlay.jobColumns().isEmpty();
            default -> false;
          };
      if (shown) {
        wanted.addAll(overlay.metrics());
      }
    }
    return wanted;
  }

  private static String slurmProblem(ClusterState current) {
    String message = current.slurmStatus().message();
    if (!message.isEmpty()) {
      return message;
    }
    return current.slurmStatus().health() == Health.LOADING
        ? "the SLURM source did not answer within the --timeout"
        : "the SLURM source is "
            + current.slurmStatus().health().name().toLowerCase(java.util.Locale.ROOT);
  }

  private String viewNames() {
    return String.join(", ", views.get().stream().map(ConsoleView::name).toList());
  }

  private static Instant min(Instant a, Instant b) {
    return a.isBefore(b) ? a : b;
  }
}
