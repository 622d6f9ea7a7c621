package org.slurmscope.prometheus.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import okhttp3.OkHttpClient;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;
import org.osgi.service.metatype.annotations.Designate;
import org.slurmscope.api.prometheus.Alert;
import org.slurmscope.api.prometheus.BuildInfo;
import org.slurmscope.api.prometheus.LabelValuesResult;
import org.slurmscope.api.prometheus.PrometheusClient;
import org.slurmscope.api.prometheus.PrometheusException;
import org.slurmscope.api.prometheus.QueryOptions;
import org.slurmscope.api.prometheus.QueryResult;
import org.slurmscope.api.prometheus.SeriesResult;

/**
 * The {@link PrometheusClient} service. Each valid configuration gets its own {@link
 * OkHttpPrometheusClient}, built on one base HTTP client whose connection pool and threads live as
 * long as the component. A new configuration is validated (secret and certificate files included)
 * before it replaces the old one, so an invalid file leaves the last good client in force.
 */
@Component(
    service = PrometheusClient.class,
    configurationPid = PrometheusConfiguration.PID,
    configurationPolicy = ConfigurationPolicy.OPTIONAL)
@Designate(ocd = PrometheusConfiguration.class)
public final class PrometheusClientComponent implements PrometheusClient {

  private final Logger logger;
  private final OkHttpClient base = OkHttpPrometheusClient.newBaseClient();

  /** The client of the current configuration; replaced as a whole on reconfiguration. */
  private volatile OkHttpPrometheusClient client;

  /**
   * Validates the configuration and builds the client.
   *
   * @throws IllegalArgumentException when the configuration is invalid; the component then stays
   *     inactive
   */
  @Activate
  public PrometheusClientComponent(
      @Reference(name = "logger", service = LoggerFactory.class) Logger logger,
      PrometheusConfiguration config) {
    this.logger = logger;
    try {
      this.client = build(config);
    } catch (IllegalArgumentException e) {
      OkHttpPrometheusClient.shutDown(base);
      throw e;
    }
    logger.debug("Prometheus client started for {} ({})", client.baseUrl(), describe(client));
  }

  /**
   * Validates a new configuration and only then swaps in a client built for it.
   *
   * @throws IllegalArgumentException when the configuration is invalid; the previous client stays
   */
  @Modified
  void modified(PrometheusConfiguration config) {
    OkHttpPrometheusClient next;
    try {
      next = build(config);
    } catch (IllegalArgumentException e) {
      logger.warn(
          "Rejected the new configuration, still using {}: {}", client.baseUrl(), e.getMessage());
      throw e;
    }
    OkHttpPrometheusClient previous = client;
    client = next;
    previous.close();
    logger.debug("Prometheus client reconfigured for {} ({})", client.baseUrl(), describe(client));
  }

  @Deactivate
  void deactivate() {
    client.close();
    OkHttpPrometheusClient.shutDown(base);
    logger.debug("Prometheus client for {} stopped", client.baseUrl());
  }

  private OkHttpPrometheusClient build(PrometheusConfiguration config) {
    return new OkHttpPrometheusClient(ClientSettings.validate(config), logger, base);
  }

  private static String describe(OkHttpPrometheusClient client) {
    String auth = client.settings().auth().describe();
    String tls = client.settings().tls().describe();
    return tls.isEmpty() ? auth : auth + "; " + tls;
  }

  @Override
  public QueryResult query(String promql, Instant time)
      throws PrometheusException, InterruptedException {
    return client.query(promql, time);
  }

  @Override
  public QueryResult query(String promql, Instant time, QueryOptions options)
      throws PrometheusException, InterruptedException {
    return client.query(promql, time, options);
  }

  @Override
  public QueryResult queryRange(
      String promql, Instant start, Instant end, Duration step, QueryOptions options)
      throws PrometheusException, InterruptedException {
    return client.queryRange(promql, start, end, step, options);
  }

  @Override
  public SeriesResult series(List<String> matchers, Instant start, Instant end, int limit)
      throws PrometheusException, InterruptedException {
    return client.series(matchers, start, end, limit);
  }

  @Override
  public LabelValuesResult labelValues(
      String label, List<String> matchers, Instant start, Instant end, int limit)
      throws PrometheusException, InterruptedException {
    return client.labelValues(label, matchers, start, end, limit);
  }

  @Override
  public List<Alert> alerts() throws PrometheusException, InterruptedException {
    return client.alerts();
  }

  @Override
  public BuildInfo buildInfo() throws PrometheusException, InterruptedException {
    return client.buildInfo();
  }

  @Override
  public boolean ready() throws PrometheusException, InterruptedException {
    return client.ready();
  }

  @Override
  public String baseUrl() {
    return client.baseUrl();
  }

  /** Returns the client of the current configuration. */
  OkHttpPrometheusClient currentClient() {
    return client;
  }
}
