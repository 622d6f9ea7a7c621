package org.slurmscope.overlay.jobs.internal;

import java.util.List;
import java.util.Map;
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
import org.slurmscope.api.metrics.GpuMetrics;
import org.slurmscope.api.metrics.JobMetrics;
import org.slurmscope.api.metrics.NodeMetrics;
import org.slurmscope.api.slurm.Job;

/**
 * Adds CPU%, MEM%, PEAK% and GPU% columns to the jobs view: each running job's use against its
 * allocation, coloured by thresholds.
 */
@Component(
    service = ColumnOverlay.class,
    configurationPid = JobOverlayConfiguration.PID,
    configurationPolicy = ConfigurationPolicy.OPTIONAL,
    // The console's jobs view switches these columns with c, also while they are off.
    property = {
      "slurmscope.overlay.key=c",
      "slurmscope.overlay.view=" + ColumnOverlay.JOBS,
      "slurmscope.overlay.name=job metric"
    })
@Designate(ocd = JobOverlayConfiguration.class)
public final class JobMetricsOverlay implements ColumnOverlay {

  static final String ID = "job-metrics";

  /**
   * The columns' metrics, plus the per-GPU metric for jobs whose GPUs carry no job label, and the
   * scrape targets' {@code up} so that an empty cell can name an exporter that is down.
   */
  static final Set<String> METRICS =
      Set.of(
          JobMetrics.CPU_CORES,
          JobMetrics.MEMORY_BYTES,
          JobMetrics.MEMORY_PEAK_BYTES,
          JobMetrics.GPU_UTILIZATION_PERCENT,
          GpuMetrics.UTILIZATION_PERCENT,
          NodeMetrics.UP);

  private final Logger logger;

  /** The columns of the current thresholds; replaced as a whole on reconfiguration. */
  private volatile List<Column<Job>> columns;

  /**
   * Validates the configuration and builds the columns.
   *
   * @throws IllegalArgumentException when the configuration is invalid; the component then stays
   *     inactive
   */
  @Activate
  public JobMetricsOverlay(
      @Reference(name = "logger", service = LoggerFactory.class) Logger logger,
      Map<String, Object> properties) {
    this.logger = logger;
    JobThresholds thresholds = JobThresholds.from(properties);
    this.columns = JobMetricColumns.create(thresholds);
    logger.debug("Job metric columns started with {}", thresholds);
  }

  /**
   * Validates a new configuration and only then swaps in columns built for it.
   *
   * @throws IllegalArgumentException when the configuration is invalid; the previous columns stay
   */
  @Modified
  void modified(Map<String, Object> properties) {
    JobThresholds thresholds;
    try {
      thresholds = JobThresholds.from(properties);
    } catch (IllegalArgumentException e) {
      logger.warn(
          "Rejected the new configuration, keeping the previous thresholds: {}", e.getMessage());
      throw e;
    }
    columns = JobMetricColumns.create(thresholds);
    logger.debug("Job metric columns reconfigured with {}", thresholds);
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
  public List<Column<Job>> jobColumns() {
    return columns;
  }
}
