package org.slurmscope.cache.internal;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;
import org.slurmscope.api.metrics.MetricCache;
import org.slurmscope.api.metrics.MetricCache.CacheStatistics;
import org.slurmscope.api.metrics.MetricCache.Loader;
import org.slurmscope.api.metrics.MetricCache.MetricPoint;
import org.slurmscope.api.metrics.MetricResult;
import org.slurmscope.api.metrics.SeriesRef;

/**
 * The cache itself, free of OSGi: entries per metric, loads in the reader's thread or, ahead of
 * expiry, on the scheduler's thread, and eviction of the least recently read metrics beyond the
 * memory bound.
 */
final class MetricStore {

  /** Estimated bytes per key of a result: map slot, boxed value, series list and reference. */
  private static final long RESULT_KEY_BYTES = 24 + 16 + 48;

  /** Estimated bytes per label of a recorded series: map slot and two short strings. */
  private static final long LABEL_BYTES = 16 + 2 * 48;

  private final Clock clock;
  private final ScheduledExecutorService scheduler;
  private final BiConsumer<String, Throwable> failureLog;
  private final Map<String, Entry> entries = new ConcurrentHashMap<>();

  /** Incremented by invalidation: a load started before it completes but is not kept. */
  private final AtomicLong generation = new AtomicLong();

  private final AtomicLong hits = new AtomicLong();
  private final AtomicLong misses = new AtomicLong();
  private final AtomicLong loads = new AtomicLong();
  private final AtomicLong loadFailures = new AtomicLong();
  private final AtomicLong backgroundRefreshes = new AtomicLong();
  private final AtomicLong evictions = new AtomicLong();

  private volatile CacheSettings settings;

  /**
   * Creates a store.
   *
   * @param failureLog receives the metric and the error of each failed background refresh
   */
  MetricStore(
      CacheSettings settings,
      Clock clock,
      ScheduledExecutorService scheduler,
      BiConsumer<String, Throwable> failureLog) {
    this.settings = settings;
    this.clock = clock;
    this.scheduler = scheduler;
    this.failureLog = failureLog;
  }

  /** Applies new settings; the cached results were made under the old ones, so they go. */
  void reconfigure(CacheSettings newSettings) {
    settings = newSettings;
    invalidateAll();
  }

  MetricResult get(String metric, Loader loader) throws ExecutionException, InterruptedException {
    Entry entry = entries.computeIfAbsent(metric, name -> new Entry(name, settings));
    CompletableFuture<MetricResult> pending;
    boolean loadHere = false;
    long now = clock.millis();
    synchronized (entry) {
      entry.loader = loader;
      entry.lastReadMillis = now;
      if (entry.result != null && now - entry.loadedAtMillis < ttlMillis(metric)) {
        hits.incrementAndGet();
        return entry.result;
      }
      misses.incrementAndGet();
      if (entry.loading == null) {
        entry.loading = new CompletableFuture<>();
        loadHere = true;
      }
      pending = entry.loading;
    }
    if (loadHere) {
      load(entry, loader, pending);
    }
    return pending.get();
  }

  void invalidateAll() {
    generation.incrementAndGet();
    entries.clear();
  }

  List<MetricPoint> history(String metric, String key) {
    Entry entry = entries.get(metric);
    if (entry == null) {
      return List.of();
    }
    synchronized (entry) {
      return entry.history.points(key);
    }
  }

  CacheStatistics statistics() {
    return new CacheStatistics(
        hits.get(),
        misses.get(),
        loads.get(),
        loadFailures.get(),
        backgroundRefreshes.get(),
        evictions.get(),
        entries.size(),
        estimatedBytes(),
        settings.maxBytes());
  }

  long estimatedBytes() {
    long total = 0;
    for (Entry entry : entries.values()) {
      synchronized (entry) {
        total += entry.resultBytes + entry.history.estimatedBytes();
      }
    }
    return total;
  }

  /** Runs a loader and completes the entry's pending load with its result or failure. */
  private void load(Entry entry, Loader loader, CompletableFuture<MetricResult> pending) {
    long startedIn = generation.get();
    try {
      MetricResult result = loader.load();
      loads.incrementAndGet();
      store(entry, result, startedIn);
      pending.complete(result);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      pending.completeExceptionally(e);
    } catch (Exception e) {
      loadFailures.incrementAndGet();
      pending.completeExceptionally(e);
    } finally {
      // An Error thrown by the loader must still release the readers waiting for this load.
      if (!pending.isDone()) {
        loadFailures.incrementAndGet();
        pending.completeExceptionally(
            new IllegalStateException("loading " + entry.metric + " ended abnormally"));
      }
      synchronized (entry) {
        if (entry.loading == pending) {
          entry.loading = null;
        }
      }
    }
    enforceBound(entry);
  }

  private void store(Entry entry, MetricResult result, long startedIn) {
    if (startedIn != generation.get() || entries.get(entry.metric) != entry) {
      return;
    }
    long now = clock.millis();
    synchronized (entry) {
      entry.result = result;
      entry.loadedAtMillis = now;
      entry.resultBytes = estimate(result);
      entry.history.record(result.values(), now / 1000);
    }
    scheduleRefresh(entry, now);
  }

  private void scheduleRefresh(Entry entry, long loadedAt) {
    int percent = settings.refreshAheadPercent();
    if (percent == 0) {
      return;
    }
    long delay = ttlMillis(entry.metric) * percent / 100;
    try {
      scheduler.schedule(() -> refreshIfRead(entry, loadedAt), delay, TimeUnit.MILLISECONDS);
    } catch (RejectedExecutionException e) {
      // The cache is shutting down: nothing left to refresh for.
    }
  }

  /**
   * Loads an entry again ahead of its expiry, if it was read within its time to live, so that the
   * next read finds a fresh result. A metric without readers stops being refreshed.
   */
  private void refreshIfRead(Entry entry, long scheduledFor) {
    CompletableFuture<MetricResult> pending;
    Loader loader;
    synchronized (entry) {
      long now = clock.millis();
      boolean replaced = entries.get(entry.metric) != entry;
      boolean idle = now - entry.lastReadMillis > ttlMillis(entry.metric);
      if (replaced || idle || entry.loading != null || entry.loadedAtMillis != scheduledFor) {
        return;
      }
      pending = new CompletableFuture<>();
      entry.loading = pending;
      loader = entry.loader;
    }
    backgroundRefreshes.incrementAndGet();
    load(entry, loader, pending);
    pending.whenComplete(
        (result, failure) -> {
          if (failure != null) {
            failureLog.accept(entry.metric, failure);
          }
        });
  }

  /** Drops the least recently read metrics, never the one just loaded, beyond the bound. */
  private void enforceBound(Entry justLoaded) {
    long max = settings.maxBytes();
    if (estimatedBytes() <= max) {
      return;
    }
    List<Entry> byLastRead = new ArrayList<>(entries.values());
    byLastRead.sort(Comparator.comparingLong(entry -> entry.lastReadMillis));
    for (Entry entry : byLastRead) {
      if (estimatedBytes() <= max) {
        return;
      }
      if (entry != justLoaded && entries.remove(entry.metric, entry)) {
        evictions.incrementAndGet();
      }
    }
  }

  private long ttlMillis(String metric) {
    return settings.ttlOf(metric).toMillis();
  }

  /** Returns the estimated memory of a result: its values and the series recorded for them. */
  static long estimate(MetricResult result) {
    long bytes = 64 + RESULT_KEY_BYTES * result.values().size();
    for (List<SeriesRef> series : result.explanation().series().values()) {
      for (SeriesRef ref : series) {
        bytes += 32 + LABEL_BYTES * ref.labels().size();
      }
    }
    return bytes;
  }

  /** One metric's cached result, pending load and history. */
  private static final class Entry {
    final String metric;
    final History history;

    // guarded by this
    MetricResult result;
    long loadedAtMillis;
    long lastReadMillis;
    long resultBytes;
    CompletableFuture<MetricResult> loading;
    MetricCache.Loader loader;

    Entry(String metric, CacheSettings settings) {
      this.metric = metric;
      this.history = new History(settings.historySteps(), settings.historyStep().toSeconds());
    }
  }
}
