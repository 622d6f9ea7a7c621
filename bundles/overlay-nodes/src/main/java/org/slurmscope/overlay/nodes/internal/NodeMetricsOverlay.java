package org.slurmscope.overlay.nodes.internal;

import java.util.List;
import java.util.Set;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;
import org.osgi.service.metatype.annotations.Designate;
import org.slurmscope.api.console.Column;
import org.slurmscope.api.console.ColumnOverlay;
import org.slurmscope.api.metrics.NodeMetrics;
import org.slurmscope.api.slurm.Node;

/** Adds CPU%, MEM% and LOAD1 columns, coloured by use thresholds, to the nodes view. */
@Component(
    service = ColumnOverlay.class,
    configurationPid = NodeOverlayConfiguration.PID,
    configurationPolicy = ConfigurationPolicy.OPTIONAL,
    // The console's nodes view switches these columns with m, also while they are off.
    property = {
      "slurmscope.overlay.key=m",
      "slurmscope.overlay.view=" + ColumnOverlay.NODES,
      "slurmscope.overlay.name=node metric"
    })
@Designate(ocd = NodeOverlayConfiguration.class)
public final class NodeMetricsOverlay implements ColumnOverlay {

  static final String ID = "node-metrics";

  private static final Set<String> METRICS =
      Set.of(NodeMetrics.CPU_PERCENT, NodeMetrics.MEMORY_PERCENT, NodeMetrics.LOAD1);

  private final Logger logger;

  /** The columns of the current thresholds; replaced as a whole on reconfiguration. */
  private volatile List<Column<Node>> columns;

  /**
   * Validates the configuration and builds the columns.
   *
   * @throws IllegalArgumentException when the configuration is invalid; the component then stays
   *     inactive
   */
  @Activate
  public NodeMetricsOverlay(
      @Reference(name = "logger", service = LoggerFactory.class) Logger logger,
      NodeOverlayConfiguration config) {
    this.logger = logger;
    Thresholds thresholds = Thresholds.validate(config);
    this.columns = NodeMetricColumns.create(thresholds);
    logger.debug("Node metric columns started with {}", thresholds);
  }

  /**
   * Validates a new configuration and only then swaps in columns built for it.
   *
   * @throws IllegalArgumentException when the configuration is invalid; the previous columns stay
   */
  @Modified
  void modified(NodeOverlayConfiguration config) {
    Thresholds thresholds;
    try {
      thresholds = Thresholds.validate(config);
    } catch (IllegalArgumentException e) {
      logger.warn(
          "Rejected the new configuration, keeping the previous thresholds: {}", e.getMessage());
      throw e;
    }
    columns = NodeMetricColumns.create(thresholds);
    logger.debug("Node metric columns reconfigured with {}", thresholds);
  }

  @Override
  public String id() {
    return ID;
  }

  @Override
  public Set<String> metrics() {
    return METRICS;
  }

  @Override
  public List<Column<Node>> nodeColumns() {
    return columns;
  }
}
