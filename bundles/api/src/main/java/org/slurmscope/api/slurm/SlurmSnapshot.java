package org.slurmscope.api.slurm;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Everything one poll of a SLURM source returned, immutable.
 *
 * @param cluster the cluster name, or null when the source did not say
 * @param slurmVersion the Slurm release, for example {@code 22.05.8}, or null when unknown
 * @param apiVersion the data format, for example {@code v0.0.38}, or null when unknown
 * @param fetchedAt when the poll completed
 * @param jobs the jobs, in the order the source sent them
 * @param nodes the nodes, in the order the source sent them
 * @param partitions the partitions; empty when the source has no partition data
 * @param warnings problems that left the snapshot usable but incomplete (a field that failed to
 *     decode, a warning Slurm sent); each names what was affected
 */
public record SlurmSnapshot(
    String cluster,
    String slurmVersion,
    String apiVersion,
    Instant fetchedAt,
    List<Job> jobs,
    List<Node> nodes,
    List<Partition> partitions,
    List<String> warnings) {

  public SlurmSnapshot {
    Objects.requireNonNull(fetchedAt, "fetchedAt");
    jobs = List.copyOf(jobs);
    nodes = List.copyOf(nodes);
    partitions = List.copyOf(partitions);
    warnings = List.copyOf(warnings);
  }
}
