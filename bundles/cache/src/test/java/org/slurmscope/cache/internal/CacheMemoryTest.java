package org.slurmscope.cache.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.slurmscope.api.metrics.MetricExplanation;
import org.slurmscope.api.metrics.MetricResult;
import org.slurmscope.api.metrics.NodeMetrics;
import org.slurmscope.api.metrics.SeriesRef;

/**
 * Measures the heap the cache uses at 10,000 nodes with an hour of one-minute points: each metric
 * keeps its latest result (one recorded series per node) and its history.
 */
class CacheMemoryTest {

  static final int NODES = 10_000;

  /** The metrics the node and job overlays request that are keyed by node. */
  static final List<String> OVERLAY_NODE_METRICS =
      List.of(
          NodeMetrics.CPU_PERCENT, NodeMetrics.MEMORY_PERCENT, NodeMetrics.LOAD1, NodeMetrics.UP);

  /** Every node metric of the catalogue, measured when benchmarks are requested. */
  static final List<String> ALL_NODE_METRICS =
      List.of(
          NodeMetrics.CPU_PERCENT,
          NodeMetrics.MEMORY_PERCENT,
          NodeMetrics.LOAD1,
          NodeMetrics.LOAD5,
          NodeMetrics.LOAD15,
          NodeMetrics.DISK_READ_BYTES_PER_SECOND,
          NodeMetrics.DISK_WRITE_BYTES_PER_SECOND,
          NodeMetrics.NETWORK_RECEIVE_BYTES_PER_SECOND,
          NodeMetrics.NETWORK_TRANSMIT_BYTES_PER_SECOND,
          NodeMetrics.TEMPERATURE_CELSIUS,
          NodeMetrics.FILESYSTEM_PERCENT,
          NodeMetrics.UP);

  /** The target for 10,000 nodes and an hour of one-minute points. */
  static final long TARGET_BYTES = 50L * 1000 * 1000;

  @Test
  void overlayMetricsAtTenThousandNodesStayUnderTarget() throws Exception {
    long[] measured = measure(OVERLAY_NODE_METRICS);

    assertThat(measured[0]).isLessThan(TARGET_BYTES);
    assertThat(measured[1]).isLessThan(TARGET_BYTES);
  }

  @Test
  @EnabledIfSystemProperty(named = "slurmscope.benchmark", matches = "true")
  void everyNodeMetricAtTenThousandNodes() throws Exception {
    measure(ALL_NODE_METRICS);
  }

  /** Fills a cache for an hour of one-minute loads; returns measured and estimated bytes. */
  private static long[] measure(List<String> metrics) throws Exception {
    ScheduledThreadPoolExecutor scheduler = new ScheduledThreadPoolExecutor(1);
    MutableClock clock = new MutableClock(Instant.parse("2026-12-04T16:00:00Z"));
    long before = usedHeapAfterGc();
    MetricStore store =
        new MetricStore(
            CacheSettings.from(Map.of("refreshAheadPercent", "0", "maxBytes", "1073741824")),
            clock,
            scheduler,
            (metric, error) -> {});
    try {
      for (int minute = 0; minute < 60; minute++) {
        for (String metric : metrics) {
          int step = minute;
          store.get(metric, () -> result(metric, step));
        }
        clock.advance(Duration.ofMinutes(1));
      }
      long used = usedHeapAfterGc() - before;
      long estimated = store.estimatedBytes();
      System.out.printf(
          "cache for %d nodes, %d metrics, 60 one-minute points: measured %.1f MB, estimated"
              + " %.1f MB%n",
          NODES, metrics.size(), used / 1e6, estimated / 1e6);
      assertThat(store.history(NodeMetrics.LOAD1, "node109999")).hasSize(60);
      return new long[] {used, estimated};
    } finally {
      scheduler.shutdownNow();
    }
  }

  /** Returns a result as the query source builds it: values and one series per node. */
  private static MetricResult result(String metric, int minute) {
    Map<String, Double> values = new HashMap<>();
    Map<String, List<SeriesRef>> series = new HashMap<>();
    for (int i = 0; i < NODES; i++) {
      String node = "node" + (100_000 + i);
      double value = (i * 7 + minute) % 100 + 0.5;
      values.put(node, value);
      series.put(node, List.of(new SeriesRef(Map.of("instance", node + ":9100"), value)));
    }
    MetricExplanation explanation =
        new MetricExplanation("q", "instance", series, Map.of(), List.of(), 0, null);
    return new MetricResult(metric, values, "q", List.of(), explanation);
  }

  private static long usedHeapAfterGc() throws InterruptedException {
    for (int i = 0; i < 3; i++) {
      System.gc();
      Thread.sleep(100);
    }
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }
}
