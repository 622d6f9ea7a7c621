package org.slurmscope.api.metrics;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;
import java.util.TreeSet;
import org.slurmscope.api.slurm.Job;
import org.slurmscope.api.slurm.Node;

/**
 * Renders, as lines of text, which query and which series produced a metric cell, or why it has no
 * value. Pure functions of a snapshot, for a console's detail pane and for logs.
 *
 * @since 1.1.0
 */
public final class MetricExplanations {

  /** The series listed one by one per value before the rest are counted. */
  static final int MAX_SERIES_LISTED = 8;

  private MetricExplanations() {}

  /**
   * Explains every given metric for a node.
   *
   * @param snapshot the metric snapshot, or null before the first refresh
   * @param metrics the metric names, for example those of the active overlays
   * @param node the node row
   */
  public static List<String> forNode(
      MetricSnapshot snapshot, Collection<String> metrics, Node node) {
    List<String> lines = new ArrayList<>();
    for (String metric : new TreeSet<>(metrics)) {
      if (metric.startsWith("gpu.")) {
        for (String gpu : gpuKeysOf(snapshot, metric, node.name())) {
          lines.addAll(lines(snapshot, metric, gpu, List.of(node.name())));
        }
      } else if (!metric.startsWith("job.")) {
        lines.addAll(lines(snapshot, metric, node.name(), List.of(node.name())));
      }
    }
    return lines;
  }

  /** Returns the keys of a node's GPUs in a per-GPU result, sorted. */
  private static List<String> gpuKeysOf(MetricSnapshot snapshot, String metric, String node) {
    MetricResult result = snapshot == null ? null : snapshot.results().get(metric);
    if (result == null) {
      return List.of();
    }
    String prefix = node + "/";
    TreeSet<String> keys = new TreeSet<>();
    result.values().keySet().stream().filter(key -> key.startsWith(prefix)).forEach(keys::add);
    result.explanation().absent().keySet().stream()
        .filter(key -> key.startsWith(prefix))
        .forEach(keys::add);
    return List.copyOf(keys);
  }

  /**
   * Explains every given job metric for a job, including the join of its GPUs through SLURM's GPU
   * indexes.
   *
   * @param snapshot the metric snapshot, or null before the first refresh
   * @param metrics the metric names, for example those of the active overlays
   * @param job the job row
   */
  public static List<String> forJob(MetricSnapshot snapshot, Collection<String> metrics, Job job) {
    List<String> lines = new ArrayList<>();
    String key = JobMetrics.key(job);
    for (String metric : new TreeSet<>(metrics)) {
      if (!metric.startsWith("job.")) {
        continue;
      }
      if (key == null) {
        lines.add(metric + " for job " + job.id() + ": no value");
        lines.add(
            "  reason: the job's cgroups are named by Slurm's numeric job id, which the SLURM"
                + " source does not report for array tasks and heterogeneous components");
        continue;
      }
      lines.addAll(lines(snapshot, metric, key, job.hosts()));
      String gpuMetric = gpuMetricOf(metric);
      if (gpuMetric != null && job.gpus().any() && !hasValue(snapshot, metric, key)) {
        lines.addAll(gpuFallbackLines(snapshot, metric, gpuMetric, job));
      }
    }
    return lines;
  }

  /**
   * Explains one metric cell.
   *
   * @param snapshot the metric snapshot, or null before the first refresh
   * @param metric the metric name
   * @param key the node name, job id or GPU key of the cell
   * @param nodes the SLURM nodes behind the key, whose scrape targets are checked when it has no
   *     value; empty when unknown
   */
  public static List<String> lines(
      MetricSnapshot snapshot, String metric, String key, Collection<String> nodes) {
    List<String> lines = new ArrayList<>();
    if (snapshot == null) {
      lines.add(metric + " for " + key + ": no value");
      lines.add("  reason: no metric refresh has completed yet");
      return lines;
    }
    String error = snapshot.errors().get(metric);
    if (error != null) {
      lines.add(metric + " for " + key + ": no value");
      lines.add("  reason: the query failed: " + error);
      return lines;
    }
    MetricResult result = snapshot.results().get(metric);
    if (result == null) {
      lines.add(metric + " for " + key + ": no value");
      lines.add("  reason: the metric was not requested in the latest refresh");
      return lines;
    }
    MetricExplanation explanation = result.explanation();
    OptionalDouble value = result.value(key);
    lines.add(
        metric + " for " + key + ": " + (value.isPresent() ? format(value.getAsDouble()) : "none"));
    lines.add("  query: " + (result.query().isEmpty() ? "(none)" : result.query()));
    if (!explanation.mapping().isEmpty()) {
      lines.add("  mapping: " + explanation.mapping());
    }
    if (explanation.fetchedAt() != null) {
      long age = Duration.between(explanation.fetchedAt(), snapshot.fetchedAt()).toSeconds();
      if (age > 0) {
        lines.add("  answered " + age + " s before this refresh (cached)");
      }
    }
    if (value.isPresent()) {
      addSeries(lines, explanation.seriesOf(key));
    } else {
      lines.add("  reason: " + reason(snapshot, result, key, nodes));
    }
    for (String warning : result.warnings()) {
      lines.add("  warning: " + warning);
    }
    return lines;
  }

  private static void addSeries(List<String> lines, List<SeriesRef> series) {
    if (series.isEmpty()) {
      lines.add("  series: not recorded by this source");
      return;
    }
    String verb = series.size() == 1 ? "  series: " : "  series (" + series.size() + "): ";
    for (int i = 0; i < Math.min(MAX_SERIES_LISTED, series.size()); i++) {
      SeriesRef ref = series.get(i);
      lines.add((i == 0 ? verb : "          ") + ref.labelText() + " " + format(ref.value()));
    }
    if (series.size() > MAX_SERIES_LISTED) {
      lines.add("          and " + (series.size() - MAX_SERIES_LISTED) + " more");
    }
  }

  /** Returns the most specific reason known: recorded by the source, exporter down, mapping. */
  private static String reason(
      MetricSnapshot snapshot, MetricResult result, String key, Collection<String> nodes) {
    Absence absence = result.explanation().absent().get(key);
    if (absence != null) {
      return describe(absence);
    }
    String down = downTargets(snapshot, nodes);
    if (down != null) {
      return "exporter down: " + down;
    }
    String near = nearKeys(result, key);
    if (near != null) {
      return "mapping failed: series map to "
          + near
          + ", not "
          + key
          + "; check the domain rule (domainMode, nodeDomain) in org.slurmscope.query";
    }
    MetricExplanation explanation = result.explanation();
    if (explanation.unmappedCount() > 0) {
      return "no series for "
          + key
          + "; "
          + explanation.unmappedCount()
          + " series of this answer mapped to no key, for example "
          + explanation.unmapped().get(0).labelText();
    }
    return "no series: Prometheus returned no series for " + key;
  }

  private static String describe(Absence absence) {
    String kind =
        switch (absence.reason()) {
          case NO_SERIES -> "no series";
          case MAPPING_FAILED -> "mapping failed";
          case EXPORTER_DOWN -> "exporter down";
          case STALE -> "stale";
          case BLANK_VALUE -> "blank value";
          case AMBIGUOUS -> "ambiguous";
        };
    return kind + ": " + absence.detail();
  }

  /** Returns the scrape targets of the nodes whose {@code up} is 0, or null when none is down. */
  private static String downTargets(MetricSnapshot snapshot, Collection<String> nodes) {
    MetricResult up = snapshot.results().get(NodeMetrics.UP);
    if (up == null) {
      return null;
    }
    List<String> down = new ArrayList<>();
    for (String node : nodes) {
      for (SeriesRef target : up.explanation().seriesOf(node)) {
        if (target.value() == 0) {
          down.add(target.labelText() + " up=0");
        }
      }
    }
    return down.isEmpty() ? null : String.join(", ", down);
  }

  /**
   * Returns keys of the result that name the same host as the key in another form (a fully
   * qualified name against a short one), or null when there are none.
   */
  private static String nearKeys(MetricResult result, String key) {
    String shortKey = shortName(key);
    List<String> near = new ArrayList<>();
    for (String candidate : result.values().keySet()) {
      if (!candidate.equals(key)
          && shortName(candidate).equalsIgnoreCase(shortKey)
          && near.size() < 3) {
        near.add(candidate);
      }
    }
    return near.isEmpty() ? null : String.join(", ", near);
  }

  private static String shortName(String name) {
    int dot = name.indexOf('.');
    return dot <= 0 ? name : name.substring(0, dot);
  }

  private static List<String> gpuFallbackLines(
      MetricSnapshot snapshot, String jobMetric, String gpuMetric, Job job) {
    boolean average = jobMetric.equals(JobMetrics.GPU_UTILIZATION_PERCENT);
    GpuMetrics.JobGpuValue joined =
        GpuMetrics.jobValue(snapshot, jobMetric, gpuMetric, job, average);
    List<String> lines = new ArrayList<>();
    if (job.gpus().indexes().isEmpty()) {
      lines.add("  SLURM GPU join: SLURM reports no GPU indexes for job " + job.id());
      return lines;
    }
    if (joined.value().isEmpty()) {
      lines.add(
          "  SLURM GPU join: no "
              + gpuMetric
              + " series for GPUs "
              + job.gpus().indexes()
              + " on "
              + String.join(",", job.hosts()));
      return lines;
    }
    lines.add(
        "  SLURM GPU join: "
            + format(joined.value().getAsDouble())
            + ", the "
            + (average ? "average" : "sum")
            + " of "
            + gpuMetric
            + " for "
            + String.join(", ", joined.gpuKeys()));
    return lines;
  }

  private static String gpuMetricOf(String jobMetric) {
    return switch (jobMetric) {
      case JobMetrics.GPU_UTILIZATION_PERCENT -> GpuMetrics.UTILIZATION_PERCENT;
      case JobMetrics.GPU_MEMORY_BYTES -> GpuMetrics.MEMORY_BYTES;
      default -> null;
    };
  }

  private static boolean hasValue(MetricSnapshot snapshot, String metric, String key) {
    return snapshot != null && snapshot.value(metric, key).isPresent();
  }

  /** Formats a value with up to four significant decimals, and NaN and infinities as Prometheus. */
  static String format(double value) {
    if (Double.isNaN(value)) {
      return "NaN";
    }
    if (Double.isInfinite(value)) {
      return value > 0 ? "+Inf" : "-Inf";
    }
    if (value == Math.rint(value) && Math.abs(value) < 1e15) {
      return Long.toString((long) value);
    }
    return String.format(Locale.ROOT, "%.4g", value);
  }
}
