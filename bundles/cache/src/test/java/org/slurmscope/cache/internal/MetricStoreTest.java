package org.slurmscope.cache.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slurmscope.api.metrics.MetricCache.CacheStatistics;
import org.slurmscope.api.metrics.MetricCache.Loader;
import org.slurmscope.api.metrics.MetricCache.MetricPoint;
import org.slurmscope.api.metrics.MetricResult;

class MetricStoreTest {

  private static final Instant START = Instant.parse("2026-12-04T16:00:00Z");

  private final ScheduledThreadPoolExecutor scheduler = new ScheduledThreadPoolExecutor(1);
  private final List<String> failures = new ArrayList<>();

  @AfterEach
  void stopScheduler() {
    scheduler.shutdownNow();
  }

  private MetricStore store(Map<String, Object> config, Clock clock) {
    return new MetricStore(
        CacheSettings.from(config),
        clock,
        scheduler,
        (metric, error) -> failures.add(metric + ": " + error.getMessage()));
  }

  private static MetricResult result(String metric, Map<String, Double> values) {
    return new MetricResult(metric, values, "q", List.of());
  }

  /** A loader that counts its calls and returns the call number as every node's value. */
  private static final class CountingLoader implements Loader {
    final AtomicInteger calls = new AtomicInteger();

    @Override
    public MetricResult load() {
      int call = calls.incrementAndGet();
      return result("node.load1", Map.of("node01", (double) call));
    }
  }

  @Test
  void readWithinTtlIsAHit() throws Exception {
    MutableClock clock = new MutableClock(START);
    MetricStore store = store(Map.of("refreshAheadPercent", "0"), clock);
    CountingLoader loader = new CountingLoader();

    store.get("node.load1", loader);
    clock.advance(Duration.ofSeconds(14));
    MetricResult second = store.get("node.load1", loader);

    assertThat(loader.calls).hasValue(1);
    assertThat(second.value("node01")).hasValue(1.0);
    CacheStatistics statistics = store.statistics();
    assertThat(statistics.hits()).isEqualTo(1);
    assertThat(statistics.misses()).isEqualTo(1);
    assertThat(statistics.loads()).isEqualTo(1);
    assertThat(statistics.hitRatio()).isEqualTo(0.5);
  }

  @Test
  void expiredResultIsLoadedAgain() throws Exception {
    MutableClock clock = new MutableClock(START);
    MetricStore store = store(Map.of("refreshAheadPercent", "0"), clock);
    CountingLoader loader = new CountingLoader();

    store.get("node.load1", loader);
    clock.advance(Duration.ofSeconds(15));
    MetricResult second = store.get("node.load1", loader);

    assertThat(loader.calls).hasValue(2);
    assertThat(second.value("node01")).hasValue(2.0);
  }

  @Test
  void metricTtlOverridesTheDefault() throws Exception {
    MutableClock clock = new MutableClock(START);
    MetricStore store =
        store(
            Map.of("refreshAheadPercent", "0", "metricTtlSeconds", "node.load1=60, x.y=5"), clock);
    CountingLoader loader = new CountingLoader();

    store.get("node.load1", loader);
    clock.advance(Duration.ofSeconds(59));
    store.get("node.load1", loader);

    assertThat(loader.calls).hasValue(1);
  }

  @Test
  void readResultIsRefreshedAheadOfExpiry() throws Exception {
    // The refresh is due after 0.5 s and still wanted until 2 s: slack for a loaded machine.
    MetricStore store =
        store(Map.of("ttlSeconds", "2", "refreshAheadPercent", "25"), Clock.systemUTC());
    CountingLoader loader = new CountingLoader();

    store.get("node.load1", loader);
    waitUntil(() -> loader.calls.get() >= 2, Duration.ofSeconds(5));
    MetricResult next = store.get("node.load1", loader);

    assertThat(next.value("node01")).hasValue(2.0);
    assertThat(store.statistics().backgroundRefreshes()).isGreaterThanOrEqualTo(1);
    assertThat(store.statistics().hits()).isEqualTo(1);
  }

  @Test
  void unreadMetricStopsBeingRefreshed() throws Exception {
    MetricStore store =
        store(Map.of("ttlSeconds", "1", "refreshAheadPercent", "50"), Clock.systemUTC());
    CountingLoader loader = new CountingLoader();

    store.get("node.load1", loader);
    Thread.sleep(2500);
    int afterIdle = loader.calls.get();
    Thread.sleep(1500);

    // One or two background loads, depending on how late the scheduler ran, then none.
    assertThat(afterIdle).isBetween(1, 3);
    assertThat(loader.calls.get()).isEqualTo(afterIdle);
  }

  @Test
  void failedLoadIsPassedOnAndNotCached() throws Exception {
    MutableClock clock = new MutableClock(START);
    MetricStore store = store(Map.of("refreshAheadPercent", "0"), clock);
    IllegalStateException failure = new IllegalStateException("Prometheus is down");

    assertThatThrownBy(
            () ->
                store.get(
                    "node.load1",
                    () -> {
                      throw failure;
                    }))
        .isInstanceOf(ExecutionException.class)
        .hasCause(failure);
    CountingLoader loader = new CountingLoader();
    store.get("node.load1", loader);

    assertThat(loader.calls).hasValue(1);
    assertThat(store.statistics().loadFailures()).isEqualTo(1);
  }

  @Test
  void concurrentReadersShareOneLoad() throws Exception {
    MetricStore store = store(Map.of("refreshAheadPercent", "0"), Clock.systemUTC());
    CountDownLatch loading = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    AtomicInteger calls = new AtomicInteger();
    Loader slow =
        () -> {
          calls.incrementAndGet();
          loading.countDown();
          release.await();
          return result("node.load1", Map.of("node01", 7.0));
        };
    ExecutorService readers = Executors.newFixedThreadPool(2);
    try {
      Future<MetricResult> first = readers.submit(() -> store.get("node.load1", slow));
      loading.await();
      Future<MetricResult> second = readers.submit(() -> store.get("node.load1", slow));
      Thread.sleep(100);
      release.countDown();

      assertThat(first.get(5, TimeUnit.SECONDS).value("node01")).hasValue(7.0);
      assertThat(second.get(5, TimeUnit.SECONDS).value("node01")).hasValue(7.0);
      assertThat(calls).hasValue(1);
    } finally {
      readers.shutdownNow();
    }
  }

  @Test
  void invalidationDropsResultsAndHistory() throws Exception {
    MutableClock clock = new MutableClock(START);
    MetricStore store = store(Map.of("refreshAheadPercent", "0"), clock);
    CountingLoader loader = new CountingLoader();

    store.get("node.load1", loader);
    store.invalidateAll();
    assertThat(store.history("node.load1", "node01")).isEmpty();
    store.get("node.load1", loader);

    assertThat(loader.calls).hasValue(2);
  }

  @Test
  void loadRunningAtInvalidationIsNotKept() throws Exception {
    MutableClock clock = new MutableClock(START);
    MetricStore store = store(Map.of("refreshAheadPercent", "0"), clock);
    AtomicInteger calls = new AtomicInteger();
    Loader invalidating =
        () -> {
          if (calls.incrementAndGet() == 1) {
            store.invalidateAll();
          }
          return result("node.load1", Map.of("node01", (double) calls.get()));
        };

    MetricResult first = store.get("node.load1", invalidating);
    MetricResult second = store.get("node.load1", invalidating);

    assertThat(first.value("node01")).hasValue(1.0);
    assertThat(second.value("node01")).hasValue(2.0);
  }

  @Test
  void memoryBoundEvictsLeastRecentlyRead() throws Exception {
    MutableClock clock = new MutableClock(START);
    MetricStore store = store(Map.of("refreshAheadPercent", "0", "maxBytes", "1048576"), clock);
    Map<String, Double> values = new HashMap<>();
    for (int i = 0; i < 1500; i++) {
      values.put("node" + i, (double) i);
    }

    store.get("node.load1", () -> result("node.load1", values));
    clock.advance(Duration.ofSeconds(1));
    store.get("node.load5", () -> result("node.load5", values));
    clock.advance(Duration.ofSeconds(1));
    store.get("node.load15", () -> result("node.load15", values));

    CacheStatistics statistics = store.statistics();
    assertThat(statistics.evictions()).isGreaterThanOrEqualTo(1);
    assertThat(statistics.estimatedBytes()).isLessThanOrEqualTo(1_048_576);
    assertThat(store.history("node.load15", "node7")).hasSize(1);
    assertThat(store.history("node.load1", "node7")).isEmpty();
  }

  @Test
  void historyKeepsOnePointPerStepForAnHour() throws Exception {
    MutableClock clock = new MutableClock(START);
    MetricStore store = store(Map.of("refreshAheadPercent", "0"), clock);
    AtomicInteger minute = new AtomicInteger();
    Loader loader = () -> result("node.load1", Map.of("node01", (double) minute.get()));

    for (int i = 0; i < 120; i++) {
      minute.set(i / 2);
      store.get("node.load1", loader);
      clock.advance(Duration.ofSeconds(30));
    }
    List<MetricPoint> points = store.history("node.load1", "node01");

    assertThat(points).hasSize(60);
    assertThat(points.get(0)).isEqualTo(new MetricPoint(START.getEpochSecond(), 0));
    assertThat(points.get(59)).isEqualTo(new MetricPoint(START.getEpochSecond() + 59 * 60, 59));
  }

  @Test
  void keyWithoutValuesForAnHourLeavesTheHistory() throws Exception {
    MutableClock clock = new MutableClock(START);
    MetricStore store = store(Map.of("refreshAheadPercent", "0"), clock);

    store.get("job.memory.bytes", () -> result("job.memory.bytes", Map.of("17", 1.0)));
    for (int i = 0; i < 61; i++) {
      clock.advance(Duration.ofMinutes(1));
      store.get("job.memory.bytes", () -> result("job.memory.bytes", Map.of("18", 2.0)));
    }

    assertThat(store.history("job.memory.bytes", "17")).isEmpty();
    assertThat(store.history("job.memory.bytes", "18")).hasSize(60);
  }

  private static void waitUntil(java.util.function.BooleanSupplier condition, Duration timeout)
      throws InterruptedException {
    long end = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean() && System.nanoTime() < end) {
      Thread.sleep(20);
    }
    assertThat(condition.getAsBoolean()).as("condition reached within " + timeout).isTrue();
  }
}
