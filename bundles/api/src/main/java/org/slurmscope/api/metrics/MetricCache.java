package org.slurmscope.api.metrics;

import java.util.List;
import java.util.concurrent.ExecutionException;
import org.osgi.annotation.versioning.ProviderType;

/**
 * A cache of metric results with a time to live per metric, refreshed ahead of expiry in the
 * background while someone keeps reading it, bounded in memory, and keeping a short history of each
 * key's values. Thread-safe. Provided by the cache bundle; metric sources use it when it is there
 * and query directly when it is not.
 *
 * @since 1.1.0
 */
@ProviderType
public interface MetricCache {

  /** Loads one metric's result for the whole cluster, for example with one PromQL query. */
  @FunctionalInterface
  interface Loader {
    /**
     * Loads the result.
     *
     * @throws Exception when the result cannot be loaded; the cache passes it on to the reader
     */
    MetricResult load() throws Exception;
  }

  /**
   * Returns a metric's result: the cached one while it is younger than the metric's time to live,
   * otherwise a new one from the loader, which the calling thread runs (or waits for when another
   * thread already runs it). The loader is also kept for refreshes in the background.
   *
   * @param metric the metric name, which selects the time to live
   * @param loader loads the result
   * @throws ExecutionException when the loader failed; its cause is the loader's exception
   * @throws InterruptedException when the calling thread is interrupted while waiting
   */
  MetricResult get(String metric, Loader loader) throws ExecutionException, InterruptedException;

  /**
   * Drops every cached result and history, for example because the queries changed. Loads in
   * progress complete, but their results are not kept.
   */
  void invalidateAll();

  /**
   * Returns a key's values, one per history step (one minute by default), oldest first, for as long
   * as the history holds; empty when the metric or key is unknown. A step without a value (the key
   * had no series, or no load happened in it) is left out.
   */
  List<MetricPoint> history(String metric, String key);

  /** Returns the counters and the memory estimate of the cache. */
  CacheStatistics statistics();

  /**
   * One point of a key's history.
   *
   * @param epochSecond the start of the history step, in Unix seconds
   * @param value the latest value loaded in that step
   */
  record MetricPoint(long epochSecond, double value) {}

  /**
   * Counters since the cache started or was reconfigured.
   *
   * @param hits reads answered from the cache
   * @param misses reads that had to load, or wait for a load in progress
   * @param loads loads that succeeded, in readers' threads and in the background
   * @param loadFailures loads that failed
   * @param backgroundRefreshes loads the cache started itself ahead of expiry
   * @param evictions metrics dropped to stay within the memory bound
   * @param metrics metrics currently cached
   * @param estimatedBytes the estimated memory the cached results and histories take
   * @param maxBytes the memory bound
   */
  record CacheStatistics(
      long hits,
      long misses,
      long loads,
      long loadFailures,
      long backgroundRefreshes,
      long evictions,
      int metrics,
      long estimatedBytes,
      long maxBytes) {

    /** Returns hits divided by reads, or 0 before the first read. */
    public double hitRatio() {
      long reads = hits + misses;
      return reads == 0 ? 0 : (double) hits / reads;
    }
  }
}
