package org.slurmscope.state.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;
import org.osgi.service.metatype.annotations.Designate;
import org.slurmscope.api.console.ColumnOverlay;
import org.slurmscope.api.metrics.MetricSnapshot;
import org.slurmscope.api.metrics.MetricSource;
import org.slurmscope.api.metrics.MetricSourceException;
import org.slurmscope.api.slurm.SlurmSnapshot;
import org.slurmscope.api.slurm.SlurmSource;
import org.slurmscope.api.slurm.SlurmSourceException;
import org.slurmscope.api.state.ClusterState;
import org.slurmscope.api.state.ClusterStateListener;
import org.slurmscope.api.state.ClusterStateService;
import org.slurmscope.api.state.SourceStatus;
import org.slurmscope.api.state.SourceStatus.Health;

/**
 * Polls the selected SLURM source and metric source, each on its own thread and at its own rate,
 * and publishes one immutable {@link ClusterState} to every {@link ClusterStateListener}.
 *
 * <p>The sources are chosen by the reference targets {@code slurmSource.target} and {@code
 * metricSource.target}, so switching source is a configuration change. The metrics fetched are the
 * union of what the registered {@link ColumnOverlay}s declare.
 */
@Component(
    service = ClusterStateService.class,
    configurationPid = StateConfiguration.PID,
    configurationPolicy = ConfigurationPolicy.OPTIONAL)
@Designate(ocd = StateConfiguration.class)
public final class ClusterStateComponent implements ClusterStateService {

  /** How long deactivation waits for a poll in progress to end. */
  private static final Duration STOP_WAIT = Duration.ofSeconds(5);

  @Reference(service = LoggerFactory.class)
  private Logger logger;

  private final StatePublisher publisher;
  private final Map<ColumnOverlay, Set<String>> overlayMetrics = new ConcurrentHashMap<>();

  private volatile SlurmSource slurmSource;
  private volatile String slurmSourceName = "";
  private volatile MetricSource metricSource;
  private volatile String metricSourceName = "";

  private volatile String slurmTarget = "(source=cli)";
  private volatile String metricTarget = "(source=prometheus)";

  private SourcePoller slurmPoller;
  private SourcePoller metricPoller;

  public ClusterStateComponent() {
    publisher = new StatePublisher(Clock.systemUTC(), this::logListenerFailure);
  }

  @Activate
  void activate(Map<String, Object> properties) {
    StateSettings settings = StateSettings.from(properties);
    slurmTarget = String.valueOf(properties.getOrDefault("slurmSource.target", "(source=cli)"));
    metricTarget =
        String.valueOf(properties.getOrDefault("metricSource.target", "(source=prometheus)"));
    if (slurmSource == null) {
      publisher.update(
          state -> withSlurm(state, null, unavailable("SLURM", "slurmSource", slurmTarget)));
    }
    if (metricSource == null) {
      publisher.update(
          state -> withMetrics(state, null, unavailable("metric", "metricSource", metricTarget)));
    }
    slurmPoller =
        new SourcePoller("slurmscope-slurm-poll", settings.slurmSchedule(), this::pollSlurm);
    metricPoller =
        new SourcePoller("slurmscope-metric-poll", settings.metricSchedule(), this::pollMetrics);
    slurmPoller.pollNow();
    metricPoller.pollNow();
    logger.debug(
        "State polling started: SLURM every {}, metrics every {}",
        settings.slurmSchedule().interval(),
        settings.metricSchedule().interval());
  }

  @Modified
  void modified(Map<String, Object> properties) {
    StateSettings settings = StateSettings.from(properties);
    slurmPoller.reschedule(settings.slurmSchedule());
    metricPoller.reschedule(settings.metricSchedule());
    logger.debug(
        "State polling changed: SLURM every {}, metrics every {}",
        settings.slurmSchedule().interval(),
        settings.metricSchedule().interval());
  }

  @Deactivate
  void deactivate() {
    slurmPoller.stop(STOP_WAIT);
    metricPoller.stop(STOP_WAIT);
  }

  @Override
  public ClusterState current() {
    return publisher.current();
  }

  @Override
  public void refreshNow() {
    pollAgain(slurmPoller);
    pollAgain(metricPoller);
  }

  // --- References. The targets come from the configuration (slurmSource.target, ...).

  @Reference(
      name = "slurmSource",
      target = "(source=cli)",
      cardinality = ReferenceCardinality.OPTIONAL,
      policy = ReferencePolicy.DYNAMIC,
      policyOption = ReferencePolicyOption.GREEDY)
  void bindSlurmSource(SlurmSource source, Map<String, Object> properties) {
    slurmSource = source;
    slurmSourceName = sourceName(properties);
    publisher.update(state -> withSlurm(state, null, SourceStatus.loading(slurmSourceName)));
    pollAgain(slurmPoller);
  }

  void unbindSlurmSource(SlurmSource source) {
    if (slurmSource != source) {
      return;
    }
    slurmSource = null;
    publisher.update(
        state -> withSlurm(state, null, unavailable("SLURM", "slurmSource", slurmTarget)));
  }

  @Reference(
      name = "metricSource",
      target = "(source=prometheus)",
      cardinality = ReferenceCardinality.OPTIONAL,
      policy = ReferencePolicy.DYNAMIC,
      policyOption = ReferencePolicyOption.GREEDY)
  void bindMetricSource(MetricSource source, Map<String, Object> properties) {
    metricSource = source;
    metricSourceName = sourceName(properties);
    publisher.update(state -> withMetrics(state, null, SourceStatus.loading(metricSourceName)));
    pollAgain(metricPoller);
  }

  void unbindMetricSource(MetricSource source) {
    if (metricSource != source) {
      return;
    }
    metricSource = null;
    publisher.update(
        state -> withMetrics(state, null, unavailable("metric", "metricSource", metricTarget)));
  }

  @Reference(
      cardinality = ReferenceCardinality.MULTIPLE,
      policy = ReferencePolicy.DYNAMIC,
      policyOption = ReferencePolicyOption.GREEDY)
  void bindOverlay(ColumnOverlay overlay) {
    overlayMetrics.put(overlay, Set.copyOf(overlay.metrics()));
    pollAgain(metricPoller);
  }

  void unbindOverlay(ColumnOverlay overlay) {
    overlayMetrics.remove(overlay);
  }

  @Reference(
      cardinality = ReferenceCardinality.MULTIPLE,
      policy = ReferencePolicy.DYNAMIC,
      policyOption = ReferencePolicyOption.GREEDY)
  void bindListener(ClusterStateListener listener) {
    publisher.addListener(listener);
  }

  void unbindListener(ClusterStateListener listener) {
    publisher.removeListener(listener);
  }

  // --- Polls, each on its poller's thread.

  private boolean pollSlurm() throws InterruptedException {
    SlurmSource source = slurmSource;
    if (source == null) {
      return true;
    }
    String name = slurmSourceName;
    Instant attempt = Instant.now();
    try {
      SlurmSnapshot snapshot = source.fetch();
      publisher.update(
          state ->
              withSlurm(state, snapshot, new SourceStatus(name, Health.OK, "", attempt, attempt)));
      return true;
    } catch (SlurmSourceException | RuntimeException e) {
      String message = describe(e);
      logger.warn("SLURM source {} failed: {}", name, message);
      publisher.update(
          state ->
              withSlurm(
                  state,
                  state.slurm(),
                  new SourceStatus(
                      name, Health.DEGRADED, message, state.slurmStatus().lastSuccess(), attempt)));
      return false;
    }
  }

  private boolean pollMetrics() throws InterruptedException {
    MetricSource source = metricSource;
    if (source == null) {
      return true;
    }
    String name = metricSourceName;
    Instant attempt = Instant.now();
    Set<String> wanted = wantedMetrics();
    try {
      MetricSnapshot snapshot = source.fetch(wanted);
      SourceStatus status = metricStatus(name, snapshot, attempt);
      publisher.update(state -> withMetrics(state, snapshot, status));
      return true;
    } catch (MetricSourceException | RuntimeException e) {
      String message = describe(e);
      logger.warn("Metric source {} failed: {}", name, message);
      publisher.update(
          state ->
              withMetrics(
                  state,
                  state.metrics(),
                  new SourceStatus(
                      name,
                      Health.DEGRADED,
                      message,
                      state.metricStatus().lastSuccess(),
                      attempt)));
      return false;
    }
  }

  /** Marks a refresh with failed metrics as degraded, with their count and the first error. */
  private static SourceStatus metricStatus(String name, MetricSnapshot snapshot, Instant attempt) {
    if (snapshot.errors().isEmpty()) {
      return new SourceStatus(name, Health.OK, "", attempt, attempt);
    }
    String first = snapshot.errors().values().iterator().next();
    String message =
        snapshot.errors().size()
            + " of "
            + (snapshot.errors().size() + snapshot.results().size())
            + " metrics failed: "
            + first;
    return new SourceStatus(name, Health.DEGRADED, message, attempt, attempt);
  }

  private Set<String> wantedMetrics() {
    Set<String> wanted = new TreeSet<>();
    overlayMetrics.values().forEach(wanted::addAll);
    return wanted;
  }

  private void pollAgain(SourcePoller poller) {
    if (poller != null) {
      poller.pollNow();
    }
  }

  private void logListenerFailure(ClusterStateListener listener, RuntimeException error) {
    logger.error("State listener {} failed", listener.getClass().getName(), error);
  }

  private static String describe(Exception e) {
    String message = e.getMessage();
    if (e instanceof RuntimeException || message == null || message.isBlank()) {
      return e.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }
    return message;
  }

  /** Returns the status of a source that no service matches, naming the target to check. */
  private static SourceStatus unavailable(String kind, String reference, String target) {
    return new SourceStatus(
        "",
        Health.UNAVAILABLE,
        "no "
            + kind
            + " source matches "
            + reference
            + ".target="
            + target
            + " in "
            + StateConfiguration.PID
            + ": check the filter and that the source's bundle is active (see :plugins)",
        null,
        null);
  }

  private static String sourceName(Map<String, Object> properties) {
    Object name = properties.get(SlurmSource.PROPERTY_SOURCE);
    return name == null ? "unnamed" : name.toString();
  }

  private static ClusterState withSlurm(
      ClusterState state, SlurmSnapshot slurm, SourceStatus status) {
    return new ClusterState(
        state.generation(),
        state.publishedAt(),
        slurm,
        status,
        state.metrics(),
        state.metricStatus());
  }

  private static ClusterState withMetrics(
      ClusterState state, MetricSnapshot metrics, SourceStatus status) {
    return new ClusterState(
        state.generation(),
        state.publishedAt(),
        state.slurm(),
        state.slurmStatus(),
        metrics,
        status);
  }
}
