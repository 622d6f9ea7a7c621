package org.slurmscope.query.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;
import org.osgi.service.metatype.annotations.Designate;
import org.slurmscope.api.metrics.MetricResult;
import org.slurmscope.api.metrics.MetricSnapshot;
import org.slurmscope.api.metrics.MetricSource;
import org.slurmscope.api.metrics.MetricSourceException;
import org.slurmscope.api.prometheus.PrometheusClient;
import org.slurmscope.api.prometheus.PrometheusException;
import org.slurmscope.api.prometheus.QueryResult;
import org.slurmscope.query.internal.SeriesMapper.UnusableResultException;

/**
 * Node metrics from Prometheus: one instant query per metric for the whole cluster, whatever the
 * number of nodes, joined to SLURM node names by {@link SeriesMapper}.
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

  /** The settings of the current configuration; replaced as a whole on reconfiguration. */
  private volatile QuerySettings settings;

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
      QueryConfiguration config) {
    this.client = client;
    this.logger = logger;
    this.settings = QuerySettings.validate(config);
    logger.debug("Prometheus metric source started with {}", settings);
  }

  /**
   * Validates a new configuration and only then swaps it in.
   *
   * @throws IllegalArgumentException when the configuration is invalid; the previous one stays
   */
  @Modified
  void modified(QueryConfiguration config) {
    try {
      settings = QuerySettings.validate(config);
    } catch (IllegalArgumentException e) {
      logger.warn("Rejected the new configuration, keeping the previous one: {}", e.getMessage());
      throw e;
    }
    logger.debug("Prometheus metric source reconfigured with {}", settings);
  }

  @Override
  public MetricSnapshot fetch(Set<String> metrics)
      throws MetricSourceException, InterruptedException {
    QuerySettings current = settings;
    SeriesMapper seriesMapper = new SeriesMapper(current.nodeLabel(), current.nodeNames());
    Map<String, MetricResult> results = new HashMap<>();
    Map<String, String> errors = new HashMap<>();
    List<PrometheusException> connectionFailures = new ArrayList<>();
    int queried = 0;

    // Sorted so that the requests go out in the same order on every refresh.
    for (String metric : new TreeSet<>(metrics)) {
      MetricQuery query = current.query(metric);
      if (query == null) {
        errors.put(metric, unknownMetric(metric, current));
        continue;
      }
      queried++;
      try {
        QueryResult result = client.query(query.promql(), null);
        results.put(metric, seriesMapper.map(query, result));
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

  private static String unknownMetric(String metric, QuerySettings settings) {
    return "unknown metric "
        + metric
        + ": the Prometheus metric source provides "
        + String.join(", ", new TreeSet<>(settings.queries().keySet()));
  }
}
