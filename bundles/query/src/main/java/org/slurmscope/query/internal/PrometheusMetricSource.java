package org.slurmscope.query.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;
import org.osgi.service.metatype.annotations.Designate;
import org.slurmscope.api.metrics.MetricCache;
import org.slurmscope.api.metrics.MetricResult;
import org.slurmscope.api.metrics.MetricSnapshot;
import org.slurmscope.api.metrics.MetricSource;
import org.slurmscope.api.metrics.MetricSourceException;
import org.slurmscope.api.prometheus.PrometheusClient;
import org.slurmscope.api.prometheus.PrometheusException;
import org.slurmscope.api.prometheus.QueryResult;
import org.slurmscope.query.internal.SeriesMapper.UnusableResultException;

/**
 * Node, job and GPU metrics from Prometheus: one instant query per metric for the whole cluster,
 * whatever the number of nodes or jobs, aggregated on the server and joined to SLURM node names,
 * job ids and GPU keys here. Results go through the {@link MetricCache} when one is registered.
 *
 * <p>A failed query fails its own metric only. The source as a whole fails only when every query
 * failed to reach Prometheus.
 */
@Component(
    service = MetricSource.class,
    property = MetricSource.PROPERTY_SOURCE + "=prometheus",
    configurationPid = QueryConfiguration.PID,
    configurationPolicy = ConfigurationPolicy.OPTIONAL)
@Designate(ocd = QueryConfiguration.class)
public final class PrometheusMetricSource implements MetricSource {

  private final PrometheusClient client;
  private final Logger logger;
  private final DialectDetector detector;
  private final StaleKeys staleKeys = new StaleKeys();

  /** The settings of the current configuration; replaced as a whole on reconfiguration. */
  private volatile QuerySettings settings;

  private volatile MetricCache cache;

  /**
   * Validates the configuration.
   *
   * @throws IllegalArgumentException when the configuration is invalid; the component then stays
   *     inactive
   */
  @Activate
  public PrometheusMetricSource(
      @Reference(name = "prometheusClient") PrometheusClient client,
      @Reference(name = "logger", service = LoggerFactory.class) Logger logger,
      Map<String, Object> properties) {
    this.client = client;
    this.logger = logger;
    this.detector = new DialectDetector(logger);
    this.settings = QuerySettings.from(properties);
    logger.debug("Prometheus metric source started with {}", settings.metrics());
  }

  /**
   * Validates a new configuration and only then swaps it in; cached results and the detected job
   * dialect belong to the old queries, so they are dropped.
   *
   * @throws IllegalArgumentException when the configuration is invalid; the previous one stays
   */
  @Modified
  void modified(Map<String, Object> properties) {
    try {
      settings = QuerySettings.from(properties);
    } catch (IllegalArgumentException e) {
      logger.warn("Rejected the new configuration, keeping the previous one: {}", e.getMessage());
      throw e;
    }
    detector.reset();
    staleKeys.clear();
    MetricCache current = cache;
    if (current != null) {
      current.invalidateAll();
    }
    logger.debug("Prometheus metric source reconfigured with {}", settings.metrics());
  }

  @Reference(
      name = "metricCache",
      cardinality = ReferenceCardinality.OPTIONAL,
      policy = ReferencePolicy.DYNAMIC,
      policyOption = ReferencePolicyOption.GREEDY)
  void bindCache(MetricCache newCache) {
    cache = newCache;
  }

  void unbindCache(MetricCache oldCache) {
    if (cache == oldCache) {
      cache = null;
    }
  }

  @Override
  public MetricSnapshot fetch(Set<String> metrics)
      throws MetricSourceException, InterruptedException {
    QuerySettings current = settings;
    boolean jobs = metrics.stream().anyMatch(current.jobTemplates()::containsKey);
    JobDialect dialect = jobs ? detector.dialect(current, client) : current.dialect();
    Map<String, MetricResult> results = new HashMap<>();
    Map<String, String> errors = new HashMap<>();
    List<PrometheusException> connectionFailures = new ArrayList<>();
    int queried = 0;

    // Sorted so that the requests go out in the same order on every refresh.
    for (String metric : new TreeSet<>(metrics)) {
      MetricQuery query = current.query(metric, dialect);
      if (query == null) {
        errors.put(metric, unknownMetric(metric, current));
        continue;
      }
      queried++;
      try {
        MetricResult result = load(query, current, dialect);
        results.put(metric, staleKeys.mark(result, Instant.now()));
      } catch (PrometheusException e) {
        errors.put(
            metric,
            query.configKey() + " in " + QueryConfiguration.PID + " failed: " + e.getMessage());
        if (e.errorType().equals("connection")) {
          connectionFailures.add(e);
        }
      } catch (UnusableResultException e) {
        errors.put(metric, e.getMessage());
      }
    }

    if (queried > 0 && connectionFailures.size() == queried) {
      PrometheusException first = connectionFailures.get(0);
      throw new MetricSourceException(first.getMessage(), first);
    }
    return new MetricSnapshot(Instant.now(), results, errors);
  }

  /** Loads a metric through the cache when there is one, else straight from Prometheus. */
  private MetricResult load(MetricQuery query, QuerySettings current, JobDialect dialect)
      throws PrometheusException, UnusableResultException, InterruptedException {
    MetricCache currentCache = cache;
    if (currentCache == null) {
      return queryAndMap(query, current, dialect);
    }
    try {
      return currentCache.get(query.metric(), () -> queryAndMap(query, current, dialect));
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof PrometheusException prometheus) {
        throw prometheus;
      }
      if (cause instanceof UnusableResultException unusable) {
        throw unusable;
      }
      if (cause instanceof InterruptedException interrupted) {
        throw interrupted;
      }
      throw new IllegalStateException("loading " + query.metric() + " failed", cause);
    }
  }

  /** Sends one metric's query and maps its series to keys. */
  MetricResult queryAndMap(MetricQuery query, QuerySettings current, JobDialect dialect)
      throws PrometheusException, UnusableResultException, InterruptedException {
    QueryResult result = client.query(query.promql(), null);
    Instant fetchedAt = Instant.now();
    return switch (query.kind()) {
      case NODE, NODE_UP ->
          new SeriesMapper(
                  query.kind() == MetricKind.NODE_UP
                      ? current.nodeLabel()
                      : current.nodeMappingLabel(),
                  current.nodeNames())
              .map(query, result, fetchedAt);
      case JOB ->
          new JobSeriesMapper(
                  dialect == JobDialect.AUTO ? JobDialect.CGROUP_PATH : dialect, current.jobLabel())
              .map(query, result, fetchedAt);
      case GPU, GPU_JOB ->
          new GpuSeriesMapper(current.gpuHostLabels(), current.gpuJobLabel(), current.nodeNames())
              .map(query, result, fetchedAt);
    };
  }

  private static String unknownMetric(String metric, QuerySettings settings) {
    return "unknown metric "
        + metric
        + ": the Prometheus metric source provides "
        + String.join(", ", settings.metrics());
  }

  /** Remembers when each key last had a value, to say "stale" for a key that vanished. */
  static final class StaleKeys {
    private final Map<String, Map<String, Instant>> lastSeen = new ConcurrentHashMap<>();

    void clear() {
      lastSeen.clear();
    }

    MetricResult mark(MetricResult result, Instant now) {
      Map<String, Instant> seen = lastSeen.computeIfAbsent(result.metric(), m -> new HashMap<>());
      synchronized (seen) {
        return StaleMarks.apply(result, seen, now);
      }
    }
  }
}
