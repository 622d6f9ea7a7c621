package org.slurmscope.demo.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.ToDoubleFunction;
import org.slurmscope.api.metrics.GpuMetrics;
import org.slurmscope.api.metrics.JobMetrics;
import org.slurmscope.api.metrics.MetricResult;
import org.slurmscope.api.metrics.MetricSnapshot;
import org.slurmscope.api.metrics.NodeMetrics;
import org.slurmscope.api.slurm.Job;
import org.slurmscope.api.slurm.Node;
import org.slurmscope.api.slurm.NodeState;
import org.slurmscope.api.slurm.SlurmSnapshot;

/**
 * A simulated SLURM cluster with node metrics, computed as a pure function of its seed, its sizes
 * and the requested moment. The same arguments always give equal snapshots. Calls share no mutable
 * state, so one instance serves any number of threads.
 *
 * <p>Nodes are divided into lanes, fixed slices of CPUs and memory that run one job per cycle. As
 * time passes, jobs are submitted, wait, run, end and drop off the list, and new ones keep coming.
 * A node's allocation is the sum of its running lanes, so it never exceeds the node. A few nodes
 * play fixed roles (down, drained, draining, reserved, slow epilog, debug) so that every common
 * state is on screen at the default size.
 */
public final class DemoCluster {

  /** The Slurm release whose states the simulation follows, marked as simulated. */
  public static final String SLURM_VERSION = "24.11.5 (demo)";

  /** The query text of every metric result, so that a cell can show where its value came from. */
  public static final String METRIC_QUERY = "demo: simulated";

  /** The metrics the simulation provides, per node name. */
  public static final Set<String> METRICS =
      Set.of(NodeMetrics.CPU_PERCENT, NodeMetrics.MEMORY_PERCENT, NodeMetrics.LOAD1);

  /**
   * The other metrics the simulation provides: per job (array tasks excepted), and every node's
   * scrape targets as up. The demo's jobs hold no GPUs, so the GPU metrics are empty, not errors.
   */
  public static final Set<String> OTHER_METRICS =
      Set.of(
          JobMetrics.CPU_CORES,
          JobMetrics.MEMORY_BYTES,
          JobMetrics.MEMORY_PEAK_BYTES,
          JobMetrics.GPU_UTILIZATION_PERCENT,
          JobMetrics.GPU_MEMORY_BYTES,
          GpuMetrics.UTILIZATION_PERCENT,
          GpuMetrics.MEMORY_BYTES,
          NodeMetrics.UP);

  private static final NodeState DOWN = new NodeState("DOWN", List.of("NOT_RESPONDING"));

  private final long seed;
  private final int nodeCount;
  private final int jobCount;
  private final String clusterName;
  private final ClusterLayout layout;

  /**
   * Builds the cluster's layout.
   *
   * @param seed any value; another seed gives another cluster of the same size
   * @param nodeCount the number of nodes, at least 1
   * @param jobCount about how many jobs a snapshot lists, at least 0
   * @param clusterName the name snapshots report
   * @throws IllegalArgumentException when a count is out of range or the name is blank
   */
  public DemoCluster(long seed, int nodeCount, int jobCount, String clusterName) {
    if (nodeCount < 1) {
      throw new IllegalArgumentException("node count must be at least 1, got " + nodeCount);
    }
    if (jobCount < 0) {
      throw new IllegalArgumentException("job count must not be negative, got " + jobCount);
    }
    Objects.requireNonNull(clusterName, "clusterName");
    if (clusterName.isBlank()) {
      throw new IllegalArgumentException("cluster name must not be blank");
    }
    this.seed = seed;
    this.nodeCount = nodeCount;
    this.jobCount = jobCount;
    this.clusterName = clusterName;
    this.layout = new LayoutBuilder(seed, nodeCount, jobCount).build();
  }

  public long seed() {
    return seed;
  }

  public int nodeCount() {
    return nodeCount;
  }

  /** Returns the configured job count; a snapshot lists about this many. */
  public int jobCount() {
    return jobCount;
  }

  public String clusterName() {
    return clusterName;
  }

  /** Returns what {@code squeue}, {@code sinfo} and {@code scontrol} would show at a moment. */
  public SlurmSnapshot snapshotAt(Instant time) {
    double seconds = toSeconds(time);
    long second = time.getEpochSecond();
    NodeActivity activity = NodeActivity.at(layout, new CycleJob(seed), seconds);
    NodeGauges gauges = new NodeGauges(seed, activity, seconds);
    List<Node> nodes = new ArrayList<>(nodeCount);
    for (SimNode node : layout.nodes()) {
      nodes.add(node(node, activity, gauges));
    }
    List<Job> jobs = new JobLister(layout, seed, second).list();
    return new SlurmSnapshot(
        clusterName, SLURM_VERSION, null, time, jobs, nodes, layout.partitions(), List.of());
  }

  /**
   * Returns the named metrics for every node at a moment. A node that is down has no series, so its
   * key is absent. A name outside {@link #METRICS} gets an entry in the errors.
   */
  public MetricSnapshot metricsAt(Instant time, Set<String> metrics) {
    Objects.requireNonNull(metrics, "metrics");
    Map<String, MetricResult> results = new LinkedHashMap<>();
    Map<String, String> errors = new LinkedHashMap<>();
    NodeGauges gauges = metrics.stream().anyMatch(METRICS::contains) ? gaugesAt(time) : null;
    JobGauges jobs =
        metrics.stream().anyMatch(OTHER_METRICS::contains)
            ? JobGauges.at(layout, seed, toSeconds(time))
            : null;
    for (String metric : new TreeSet<>(metrics)) {
      ToDoubleFunction<SimNode> gauge = gaugeFor(metric, gauges);
      Map<String, Double> other = jobs == null ? null : otherValues(metric, jobs);
      if (gauge != null) {
        results.put(metric, new MetricResult(metric, valuesOf(gauge), METRIC_QUERY, List.of()));
      } else if (other != null) {
        results.put(metric, new MetricResult(metric, other, METRIC_QUERY, List.of()));
      } else {
        errors.put(metric, unknownMetricMessage(metric));
      }
    }
    return new MetricSnapshot(time, results, errors);
  }

  private NodeGauges gaugesAt(Instant time) {
    double seconds = toSeconds(time);
    return new NodeGauges(seed, NodeActivity.at(layout, new CycleJob(seed), seconds), seconds);
  }

  private Map<String, Double> valuesOf(ToDoubleFunction<SimNode> gauge) {
    Map<String, Double> values = new HashMap<>(nodeCount * 4 / 3 + 1);
    for (SimNode node : layout.nodes()) {
      if (node.role() != NodeRole.DOWN) {
        values.put(node.name(), gauge.applyAsDouble(node));
      }
    }
    return values;
  }

  private Map<String, Double> otherValues(String metric, JobGauges jobs) {
    if (!OTHER_METRICS.contains(metric)) {
      return null;
    }
    if (metric.equals(NodeMetrics.UP)) {
      return valuesOf(node -> 1.0);
    }
    Map<String, Double> values = jobs.values(metric);
    return values == null ? Map.of() : values;
  }

  private static ToDoubleFunction<SimNode> gaugeFor(String metric, NodeGauges gauges) {
    return switch (metric) {
      case NodeMetrics.CPU_PERCENT -> gauges::cpuPercent;
      case NodeMetrics.MEMORY_PERCENT -> gauges::memoryPercent;
      case NodeMetrics.LOAD1 -> gauges::load1;
      default -> null;
    };
  }

  private static TreeSet<String> allMetrics() {
    TreeSet<String> all = new TreeSet<>(METRICS);
    all.addAll(OTHER_METRICS);
    return all;
  }

  private static String unknownMetricMessage(String metric) {
    return "Metric '"
        + metric
        + "' is not simulated by the demo cluster; it provides "
        + String.join(", ", allMetrics())
        + ".";
  }

  private Node node(SimNode node, NodeActivity activity, NodeGauges gauges) {
    Node.Builder builder =
        Node.builder(node.name(), state(node, activity))
            .hostname(node.name())
            .partitions(node.partitions())
            .cpusTotal(node.cpus())
            .memoryTotalMb(node.memoryMb())
            .gres(node.kind().gres());
    int index = node.index();
    if (node.role() == NodeRole.DOWN) {
      // slurmctld has not heard from the node, so it has no load or free memory to report.
      return builder.cpusAllocated(0).memoryAllocatedMb(0L).reason(node.reason()).build();
    }
    long freeMb = Math.max(0, node.memoryMb() - Math.round(gauges.memoryUsedMb(node)));
    return builder
        .cpusAllocated(activity.cpusAllocated[index])
        .memoryAllocatedMb(activity.memoryAllocatedMb[index])
        .memoryFreeMb(freeMb)
        .cpuLoad(Math.round(gauges.load1(node) * 100) / 100.0)
        .reason(activity.drain[index] ? node.reason() : null)
        .build();
  }

  private static NodeState state(SimNode node, NodeActivity activity) {
    if (node.role() == NodeRole.DOWN) {
      return DOWN;
    }
    int index = node.index();
    int allocated = activity.cpusAllocated[index];
    String base = allocated == 0 ? "IDLE" : allocated < node.cpus() ? "MIXED" : "ALLOCATED";
    List<String> flags = new ArrayList<>(2);
    if (activity.drain[index]) {
      flags.add("DRAIN");
    }
    if (activity.completing[index]) {
      flags.add("COMPLETING");
    }
    if (node.role() == NodeRole.RESERVED) {
      flags.add("RESERVED");
    }
    if (activity.planned[index]) {
      flags.add("PLANNED");
    }
    return new NodeState(base, flags);
  }

  private static double toSeconds(Instant time) {
    return time.getEpochSecond() + time.getNano() / 1e9;
  }
}
