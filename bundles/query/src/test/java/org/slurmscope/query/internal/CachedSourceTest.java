package org.slurmscope.query.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;
import org.slurmscope.api.metrics.Absence;
import org.slurmscope.api.metrics.MetricCache;
import org.slurmscope.api.metrics.MetricResult;
import org.slurmscope.api.metrics.MetricSnapshot;
import org.slurmscope.api.metrics.NodeMetrics;

/** The metric source with a cache, and the stale marks of keys that vanish. */
class CachedSourceTest {

  private final FakePrometheusClient prometheus = new FakePrometheusClient();
  private final TestLogger log = new TestLogger();

  /** A cache that keeps every result until it is invalidated, and records the calls. */
  private static final class KeepingCache implements MetricCache {
    final Map<String, MetricResult> results = new HashMap<>();
    final List<String> calls = new ArrayList<>();

    @Override
    public MetricResult get(String metric, Loader loader) throws ExecutionException {
      calls.add("get " + metric);
      MetricResult kept = results.get(metric);
      if (kept != null) {
        return kept;
      }
      try {
        MetricResult loaded = loader.load();
        results.put(metric, loaded);
        return loaded;
      } catch (Exception e) {
        throw new ExecutionException(e);
      }
    }

    @Override
    public void invalidateAll() {
      calls.add("invalidateAll");
      results.clear();
    }

    @Override
    public List<MetricPoint> history(String metric, String key) {
      return List.of();
    }

    @Override
    public CacheStatistics statistics() {
      return new CacheStatistics(0, 0, 0, 0, 0, 0, 0, 0, 0);
    }
  }

  @Test
  void cachedResultIsNotQueriedAgain() throws Exception {
    KeepingCache cache = new KeepingCache();
    PrometheusMetricSource source = new PrometheusMetricSource(prometheus, log.logger(), Map.of());
    source.bindCache(cache);
    prometheus.answerAll(FakePrometheusClient.vector(List.of("node01:9100"), 2.0));

    source.fetch(Set.of(NodeMetrics.LOAD1));
    MetricSnapshot second = source.fetch(Set.of(NodeMetrics.LOAD1));

    assertThat(prometheus.queries()).hasSize(1);
    assertThat(second.value(NodeMetrics.LOAD1, "node01")).hasValue(2.0);
  }

  @Test
  void reconfigurationInvalidatesTheCache() throws Exception {
    KeepingCache cache = new KeepingCache();
    PrometheusMetricSource source = new PrometheusMetricSource(prometheus, log.logger(), Map.of());
    source.bindCache(cache);

    source.fetch(Set.of(NodeMetrics.LOAD1));
    source.modified(Map.of("nodeLoad1Query", "node_load1"));
    source.fetch(Set.of(NodeMetrics.LOAD1));

    assertThat(cache.calls).containsExactly("get node.load1", "invalidateAll", "get node.load1");
    assertThat(prometheus.queries())
        .containsExactly("max by (instance) (node_load1)", "node_load1");
  }

  @Test
  void unboundCacheIsNotUsed() throws Exception {
    KeepingCache cache = new KeepingCache();
    PrometheusMetricSource source = new PrometheusMetricSource(prometheus, log.logger(), Map.of());
    source.bindCache(cache);
    source.unbindCache(cache);

    source.fetch(Set.of(NodeMetrics.LOAD1));

    assertThat(cache.calls).isEmpty();
    assertThat(prometheus.queries()).hasSize(1);
  }

  @Test
  void vanishedKeyIsMarkedStale() {
    Map<String, Instant> seen = new HashMap<>();
    Instant now = Instant.parse("2026-12-04T21:50:00Z");
    MetricResult first =
        new MetricResult("job.memory.bytes", Map.of("6", 1.0, "7", 2.0), "q", List.of());
    MetricResult second = new MetricResult("job.memory.bytes", Map.of("6", 1.0), "q", List.of());

    StaleMarks.apply(first, seen, now);
    MetricResult marked = StaleMarks.apply(second, seen, now.plusSeconds(15));

    Absence absence = marked.explanation().absent().get("7");
    assertThat(absence.reason()).isEqualTo(Absence.Reason.STALE);
    assertThat(absence.detail()).contains("last had a value 15 s ago");
    assertThat(marked.explanation().absent()).doesNotContainKey("6");
  }

  @Test
  void staleKeyIsForgottenAfterTenMinutes() {
    Map<String, Instant> seen = new HashMap<>();
    Instant now = Instant.parse("2026-12-04T21:50:00Z");
    StaleMarks.apply(new MetricResult("m", Map.of("7", 2.0), "q", List.of()), seen, now);

    MetricResult later =
        StaleMarks.apply(
            new MetricResult("m", Map.of(), "q", List.of()),
            seen,
            now.plus(StaleMarks.REMEMBER).plus(Duration.ofSeconds(1)));

    assertThat(later.explanation().absent()).isEmpty();
    assertThat(seen).isEmpty();
  }
}
