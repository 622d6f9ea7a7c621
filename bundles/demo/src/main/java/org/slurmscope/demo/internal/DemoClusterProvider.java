package org.slurmscope.demo.internal;

import java.util.Map;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;
import org.osgi.service.metatype.annotations.Designate;

/**
 * Owns the configuration {@value DemoSettings#PID} and the one {@link DemoCluster} that the demo
 * SLURM and metric sources share, so both describe the same cluster.
 *
 * <p>A new configuration is checked before it replaces the current one. An invalid one fails
 * activation, so the demo sources cannot run, or leaves the last good cluster in place when it
 * modifies a running component. Either way SCR logs the exception, whose message names the key,
 * value and rule. The component is immediate, so an invalid configuration is reported when it
 * arrives rather than when a source is first used.
 */
@Component(
    service = DemoClusterProvider.class,
    configurationPid = DemoSettings.PID,
    configurationPolicy = ConfigurationPolicy.OPTIONAL,
    immediate = true)
@Designate(ocd = DemoConfiguration.class)
public final class DemoClusterProvider {

  /** The settings in force and the cluster built from them, swapped as one. */
  private record Simulation(DemoSettings settings, DemoCluster cluster) {}

  @Reference(service = LoggerFactory.class)
  private Logger logger;

  private volatile Simulation simulation;

  @Activate
  void activate(Map<String, Object> properties) {
    configure(properties);
    log("Demo cluster started");
  }

  @Modified
  void modified(Map<String, Object> properties) {
    configure(properties);
    log("Demo cluster reconfigured");
  }

  /**
   * Validates the properties and swaps in the cluster they describe; the cluster is rebuilt only
   * when its seed, sizes or name change.
   *
   * @throws IllegalArgumentException when a value is invalid; the current cluster stays
   */
  void configure(Map<String, ?> properties) {
    DemoSettings settings = DemoSettings.parse(properties);
    Simulation current = simulation;
    DemoCluster cluster =
        current != null && current.settings().describesSameCluster(settings)
            ? current.cluster()
            : new DemoCluster(
                settings.seed(), settings.nodes(), settings.jobs(), settings.clusterName());
    simulation = new Simulation(settings, cluster);
  }

  /** Returns the cluster of the settings in force. */
  DemoCluster cluster() {
    return simulation.cluster();
  }

  /** Returns the settings in force. */
  DemoSettings settings() {
    return simulation.settings();
  }

  /** Sleeps for the configured {@code latencyMillis}, so a fetch takes as long as a slow source. */
  void simulateLatency() throws InterruptedException {
    long latency = simulation.settings().latencyMillis();
    if (latency > 0) {
      Thread.sleep(latency);
    }
  }

  private void log(String event) {
    DemoSettings settings = simulation.settings();
    logger.debug(
        "{}: cluster {}, {} nodes, about {} jobs, seed {}, latency {} ms",
        event,
        settings.clusterName(),
        settings.nodes(),
        settings.jobs(),
        settings.seed(),
        settings.latencyMillis());
  }
}
