package org.slurmscope.cache.internal;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;
import org.osgi.service.metatype.annotations.Designate;
import org.slurmscope.api.metrics.MetricCache;
import org.slurmscope.api.metrics.MetricResult;

/**
 * The {@link MetricCache} service: results per metric with a time to live, loaded again in the
 * background ahead of expiry while they are read, within a memory bound.
 */
@Component(
    service = MetricCache.class,
    configurationPid = CacheConfiguration.PID,
    configurationPolicy = ConfigurationPolicy.OPTIONAL)
@Designate(ocd = CacheConfiguration.class)
public final class MetricCacheComponent implements MetricCache {

  /** How long deactivation waits for a background load to end. */
  private static final long STOP_WAIT_SECONDS = 5;

  private final Logger logger;
  private final ScheduledThreadPoolExecutor scheduler;
  private final MetricStore store;

  /**
   * Validates the configuration and starts the background thread.
   *
   * @throws IllegalArgumentException when the configuration is invalid; the component then stays
   *     inactive
   */
  @Activate
  public MetricCacheComponent(
      @Reference(name = "logger", service = LoggerFactory.class) Logger logger,
      Map<String, Object> properties) {
    this.logger = logger;
    CacheSettings settings = CacheSettings.from(properties);
    scheduler =
        new ScheduledThreadPoolExecutor(
            1,
            runnable -> {
              Thread thread = new Thread(runnable, "slurmscope-metric-cache");
              thread.setDaemon(true);
              return thread;
            });
    scheduler.setRemoveOnCancelPolicy(true);
    store = new MetricStore(settings, Clock.systemUTC(), scheduler, this::logRefreshFailure);
    logger.debug("Metric cache started with {}", settings);
  }

  /**
   * Validates a new configuration and only then applies it, dropping what is cached.
   *
   * @throws IllegalArgumentException when the configuration is invalid; the previous one stays
   */
  @Modified
  void modified(Map<String, Object> properties) {
    CacheSettings settings;
    try {
      settings = CacheSettings.from(properties);
    } catch (IllegalArgumentException e) {
      logger.warn("Rejected the new configuration, keeping the previous one: {}", e.getMessage());
      throw e;
    }
    store.reconfigure(settings);
    logger.debug("Metric cache reconfigured with {}", settings);
  }

  @Deactivate
  void deactivate() throws InterruptedException {
    scheduler.shutdownNow();
    if (!scheduler.awaitTermination(STOP_WAIT_SECONDS, TimeUnit.SECONDS)) {
      logger.warn("A background metric load did not end within {} s", STOP_WAIT_SECONDS);
    }
  }

  @Override
  public MetricResult get(String metric, Loader loader)
      throws ExecutionException, InterruptedException {
    return store.get(metric, loader);
  }

  @Override
  public void invalidateAll() {
    store.invalidateAll();
  }

  @Override
  public List<MetricPoint> history(String metric, String key) {
    return store.history(metric, key);
  }

  @Override
  public CacheStatistics statistics() {
    return store.statistics();
  }

  private void logRefreshFailure(String metric, Throwable failure) {
    logger.debug("Background refresh of {} failed: {}", metric, failure.getMessage());
  }
}
