package org.slurmscope.overlay.nodes.internal;

import java.util.Locale;
import java.util.function.DoubleFunction;
import org.slurmscope.api.console.Cell;
import org.slurmscope.api.console.Tone;
import org.slurmscope.api.metrics.MetricResult;
import org.slurmscope.api.metrics.MetricSnapshot;
import org.slurmscope.api.state.ClusterState;

/**
 * Cells of one metric value, rendered the same way in every column.
 *
 * <ul>
 *   <li>No metric snapshot yet, no result for the metric, or no series for the node: {@link
 *       Cell#NOT_AVAILABLE} ({@code n/a}, dim).
 *   <li>The metric's query failed: {@code n/a} with {@link Tone#WARNING}, so that a broken query is
 *       distinct from a node that merely has no series. The reason is in the snapshot's errors.
 *   <li>NaN: the text {@code NaN}, dim. Infinities: {@code +Inf} or {@code -Inf} with {@link
 *       Tone#WARNING}. Their value stays the Double itself, so a script's JSON can tell them from a
 *       missing series; the {@code --once} printer writes them as the strings Prometheus uses,
 *       because JSON has no number for them.
 *   <li>A number: its text with a fixed number of decimals, the number itself as JSON value.
 * </ul>
 */
final class MetricCells {

  /** The cell of a metric whose query failed. */
  static final Cell QUERY_FAILED = new Cell("n/a", null, Tone.WARNING);

  private MetricCells() {}

  /**
   * Renders the cell of a metric for a node.
   *
   * @param finite renders a finite value; called only when there is one
   */
  static Cell cell(
      ClusterState state, String metric, String nodeName, DoubleFunction<Cell> finite) {
    MetricSnapshot metrics = state == null ? null : state.metrics();
    if (metrics == null) {
      return Cell.NOT_AVAILABLE;
    }
    if (metrics.errors().containsKey(metric)) {
      return QUERY_FAILED;
    }
    MetricResult result = metrics.results().get(metric);
    Double value = result == null ? null : result.values().get(nodeName);
    if (value == null) {
      return Cell.NOT_AVAILABLE;
    }
    if (value.isNaN()) {
      return new Cell("NaN", value, Tone.DIM);
    }
    if (value.isInfinite()) {
      return new Cell(value > 0 ? "+Inf" : "-Inf", value, Tone.WARNING);
    }
    return finite.apply(value);
  }

  /** Returns the cell of a finite number shown with the given decimals. */
  static Cell number(double value, int decimals, Tone tone) {
    String text = String.format(Locale.ROOT, "%." + decimals + "f", value);
    // A value just below zero, such as -0.00001 from floating point error, would read "-0.0".
    if (text.startsWith("-") && text.chars().skip(1).allMatch(c -> c == '0' || c == '.')) {
      text = text.substring(1);
    }
    return new Cell(text, value, tone);
  }
}
