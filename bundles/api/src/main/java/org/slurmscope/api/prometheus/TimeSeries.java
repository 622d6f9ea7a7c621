package org.slurmscope.api.prometheus;

import java.util.List;
import java.util.Map;

/**
 * One series of a matrix result: a range query's answer, or an instant query of a range selector.
 *
 * @param labels the series' labels, {@code __name__} included when the server sent it
 * @param points the samples in the order the server sent them (ascending time); a step without data
 *     has no point, and the gap is not filled in
 * @since 1.1.0
 */
public record TimeSeries(Map<String, String> labels, List<Point> points) {

  public TimeSeries {
    labels = Map.copyOf(labels);
    points = List.copyOf(points);
  }
}
