package org.slurmscope.api.slurm;

import java.util.Objects;

/**
 * One SLURM partition.
 *
 * @param name the partition name, without the default-partition {@code *}
 * @param isDefault true for the cluster's default partition
 * @param state the partition state ({@code UP}, {@code DOWN}, {@code DRAIN}, {@code INACTIVE})
 * @param nodes the partition's nodes as a Slurm hostlist
 * @param totalNodes the number of nodes, or null when unknown
 * @param totalCpus the number of CPUs, or null when unknown
 * @param maxTime the partition's time limit, or null when unknown
 */
public record Partition(
    String name,
    boolean isDefault,
    String state,
    String nodes,
    Integer totalNodes,
    Integer totalCpus,
    TimeLimit maxTime) {

  public Partition {
    Objects.requireNonNull(name, "name");
  }
}
