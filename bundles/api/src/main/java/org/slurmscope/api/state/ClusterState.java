package org.slurmscope.api.state;

import java.time.Instant;
import java.util.Objects;
import org.slurmscope.api.metrics.MetricSnapshot;
import org.slurmscope.api.slurm.SlurmSnapshot;

/**
 * The latest SLURM snapshot and metric snapshot together with their sources' health, immutable.
 * Consumers render from one instance and never see it change.
 *
 * @param generation increases by one with every new state, so consumers can skip stale ones
 * @param publishedAt when this state was published
 * @param slurm the latest SLURM snapshot, or null before the first successful poll
 * @param slurmStatus the SLURM source's health
 * @param metrics the latest metric snapshot, or null before the first successful refresh
 * @param metricStatus the metric source's health
 */
public record ClusterState(
    long generation,
    Instant publishedAt,
    SlurmSnapshot slurm,
    SourceStatus slurmStatus,
    MetricSnapshot metrics,
    SourceStatus metricStatus) {

  public ClusterState {
    Objects.requireNonNull(publishedAt, "publishedAt");
    Objects.requireNonNull(slurmStatus, "slurmStatus");
    Objects.requireNonNull(metricStatus, "metricStatus");
  }

  /** Returns the state before any source has answered. */
  public static ClusterState initial(Instant now) {
    return new ClusterState(0, now, null, SourceStatus.loading(""), null, SourceStatus.loading(""));
  }
}
