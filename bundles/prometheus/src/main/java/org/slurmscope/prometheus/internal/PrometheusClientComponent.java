package org.slurmscope.prometheus.internal;

import java.time.Instant;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;
import org.osgi.service.metatype.annotations.Designate;
import org.slurmscope.api.prometheus.PrometheusClient;
import org.slurmscope.api.prometheus.PrometheusException;
import org.slurmscope.api.prometheus.QueryResult;

/**
 * The {@link PrometheusClient} service. Each valid configuration gets its own {@link
 * OkHttpPrometheusClient}; a new configuration is validated before it replaces the old one, so an
 * invalid file leaves the last good values in force.
 */
@Component(
    service = PrometheusClient.class,
    configurationPid = PrometheusConfiguration.PID,
    configurationPolicy = ConfigurationPolicy.OPTIONAL)
@Designate(ocd = PrometheusConfiguration.class)
public final class PrometheusClientComponent implements PrometheusClient {

  private final Logger logger;

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
    this.client = new OkHttpPrometheusClient(ClientSettings.validate(config), logger);
    logger.debug("Prometheus client started for {}", client.baseUrl());
  }

  /**
   * Validates a new configuration and only then swaps in a client built for it.
   *
   * @throws IllegalArgumentException when the configuration is invalid; the previous client stays
   */
  @Modified
  void modified(PrometheusConfiguration config) {
    ClientSettings settings;
    try {
      settings = ClientSettings.validate(config);
    } catch (IllegalArgumentException e) {
      logger.warn(
          "Rejected the new configuration, still using {}: {}", client.baseUrl(), e.getMessage());
      throw e;
    }
    OkHttpPrometheusClient previous = client;
    client = new OkHttpPrometheusClient(settings, logger);
    previous.close();
    logger.debug("Prometheus client reconfigured for {}", client.baseUrl());
  }

  @Deactivate
  void deactivate() {
    client.close();
    logger.debug("Prometheus client for {} stopped", client.baseUrl());
  }

  @Override
  public QueryResult query(String promql, Instant time)
      throws PrometheusException, InterruptedException {
    return client.query(promql, time);
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
