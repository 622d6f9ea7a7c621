package org.slurmscope.query.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads Prometheus text exposition (the format exporters serve) into samples, for tests that load
 * exporter outputs into a real Prometheus. Comment lines and lines that are not samples (the {@code
 * ...} of a shortened example) are skipped.
 */
final class Exposition {

  /**
   * One sample line.
   *
   * @param name the metric name
   * @param labels the labels in their order, values unescaped
   * @param value the value
   */
  record Line(String name, Map<String, String> labels, double value) {

    Line with(String label, String value) {
      Map<String, String> copy = new LinkedHashMap<>(labels);
      copy.put(label, value);
      return new Line(name, copy, this.value);
    }

    Line withValue(double newValue) {
      return new Line(name, labels, newValue);
    }
  }

  private Exposition() {}

  /** Reads a test resource. */
  static List<Line> read(String resource) {
    try (InputStream in = Exposition.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalArgumentException("test resource not found: " + resource);
      }
      return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static List<Line> parse(String text) {
    List<Line> lines = new ArrayList<>();
    for (String raw : text.split("\n")) {
      String line = raw.strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      Line parsed = parseLine(line);
      if (parsed != null) {
        lines.add(parsed);
      }
    }
    return lines;
  }

  private static Line parseLine(String line) {
    int i = 0;
    while (i < line.length()
        && (Character.isLetterOrDigit(line.charAt(i)) || "_:".indexOf(line.charAt(i)) >= 0)) {
      i++;
    }
    if (i == 0) {
      return null;
    }
    String name = line.substring(0, i);
    Map<String, String> labels = new LinkedHashMap<>();
    if (i < line.length() && line.charAt(i) == '{') {
      i = parseLabels(line, i + 1, labels);
    }
    String[] rest = line.substring(i).strip().split("\\s+");
    return new Line(name, labels, Double.parseDouble(rest[0]));
  }

  /** Parses {@code a="b", c="d"} up to the closing brace; returns the index after it. */
  private static int parseLabels(String line, int i, Map<String, String> labels) {
    while (true) {
      while (line.charAt(i) == ' ' || line.charAt(i) == ',') {
        i++;
      }
      if (line.charAt(i) == '}') {
        return i + 1;
      }
      int equals = line.indexOf('=', i);
      String label = line.substring(i, equals).strip();
      i = equals + 2;
      StringBuilder value = new StringBuilder();
      while (line.charAt(i) != '"') {
        char c = line.charAt(i);
        if (c == '\\') {
          char next = line.charAt(++i);
          value.append(next == 'n' ? '\n' : next);
        } else {
          value.append(c);
        }
        i++;
      }
      labels.put(label, value.toString());
      i++;
    }
  }

  /**
   * Writes samples as OpenMetrics text for {@code promtool tsdb create-blocks-from openmetrics}:
   * families kept together, each series at the given times, counters ({@code _total} and the cgroup
   * exporter's CPU seconds) growing by {@code counterSlope} per second, {@code # EOF} last.
   */
  static String openMetrics(List<Line> lines, List<Long> times, double counterSlope) {
    Map<String, List<Line>> families = new LinkedHashMap<>();
    for (Line line : lines) {
      families.computeIfAbsent(line.name(), name -> new ArrayList<>()).add(line);
    }
    StringBuilder out = new StringBuilder();
    long first = times.get(0);
    for (List<Line> family : families.values()) {
      for (Line line : family) {
        boolean counter =
            line.name().endsWith("_total")
                || line.name().startsWith("cgroup_cpu_") && line.name().endsWith("_seconds");
        for (long time : times) {
          double value = counter ? line.value() + counterSlope * (time - first) : line.value();
          out.append(line.name()).append('{');
          boolean firstLabel = true;
          for (Map.Entry<String, String> label : line.labels().entrySet()) {
            out.append(firstLabel ? "" : ",")
                .append(label.getKey())
                .append('=')
                .append(PromQl.quote(label.getValue()));
            firstLabel = false;
          }
          out.append("} ").append(format(value)).append(' ').append(time).append('\n');
        }
      }
    }
    return out.append("# EOF\n").toString();
  }

  private static String format(double value) {
    if (Double.isNaN(value)) {
      return "NaN";
    }
    if (Double.isInfinite(value)) {
      return value > 0 ? "+Inf" : "-Inf";
    }
    return Double.toString(value);
  }
}
