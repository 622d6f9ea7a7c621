package org.slurmscope.slurm.rest.internal;

import java.time.Clock;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;
import org.osgi.service.metatype.annotations.Designate;
import org.slurmscope.api.slurm.SlurmSnapshot;
import org.slurmscope.api.slurm.SlurmSource;
import org.slurmscope.api.slurm.SlurmSourceException;

/**
 * The SLURM source for sites that run slurmrestd: jobs, nodes and partitions over HTTP or HTTPS
 * with a JWT, in the newest API version both sides know.
 *
 * <p>It registers with {@code source=rest}; the state component uses it when {@code
 * slurmSource.target = (source=rest)}. A new configuration is validated before it replaces the
 * current one; an invalid one is rejected and the last good values stay in force.
 */
@Component(
    service = SlurmSource.class,
    property = SlurmSource.PROPERTY_SOURCE + "=rest",
    configurationPid = RestConfiguration.PID,
    configurationPolicy = ConfigurationPolicy.OPTIONAL)
@Designate(ocd = RestConfiguration.class)
public final class RestSlurmSource implements SlurmSource {

  @Reference(service = LoggerFactory.class)
  private Logger logger;

  /** The client and fetcher of the current configuration, replaced as a whole. */
  private volatile Connection connection;

  /** One configuration's client and fetcher. */
  private record Connection(SlurmrestdClient client, RestSnapshotFetcher fetcher) {}

  @Activate
  void activate(RestConfiguration config) {
    connection = connect(RestSettings.validate(config));
    logger.debug("slurmrestd source started for {}", config.url());
  }

  @Modified
  void modified(RestConfiguration config) {
    RestSettings settings;
    try {
      settings = RestSettings.validate(config);
    } catch (IllegalArgumentException e) {
      logger.warn(
          "Rejected the new configuration, the previous one stays in force: {}", e.getMessage());
      throw e;
    }
    Connection previous = connection;
    connection = connect(settings);
    previous.client().close();
    logger.debug("slurmrestd source reconfigured for {}", settings.displayUrl());
  }

  @Deactivate
  void deactivate() {
    connection.client().close();
    logger.debug("slurmrestd source stopped");
  }

  @Override
  public SlurmSnapshot fetch() throws SlurmSourceException, InterruptedException {
    return connection.fetcher().fetch();
  }

  private Connection connect(RestSettings settings) {
    SlurmrestdClient client = new SlurmrestdClient(settings);
    Clock clock = Clock.systemUTC();
    TokenSource tokens = new TokenSource(settings, System.getenv(), clock, logger::info);
    RestSnapshotFetcher fetcher =
        new RestSnapshotFetcher(settings, client, tokens, logger::info, clock);
    return new Connection(client, fetcher);
  }
}
