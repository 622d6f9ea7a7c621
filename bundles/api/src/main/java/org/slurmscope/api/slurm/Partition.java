package org.slurmscope.api.slurm;

import java.util.Objects;
import java.util.Set;

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
 * @param invalidFields names of the fields above that were sent but could not be decoded, so that a
 *     view shows them as unknown rather than blank; since 1.1
 */
public record Partition(
    String name,
    boolean isDefault,
    String state,
    String nodes,
    Integer totalNodes,
    Integer totalCpus,
    TimeLimit maxTime,
    Set<String> invalidFields) {

  public Partition {
    Objects.requireNonNull(name, "name");
    invalidFields = invalidFields == null ? Set.of() : Set.copyOf(invalidFields);
  }

  /** Creates a partition whose fields all decoded, as sources written for 1.0 do. */
  public Partition(
      String name,
      boolean isDefault,
      String state,
      String nodes,
      Integer totalNodes,
      Integer totalCpus,
      TimeLimit maxTime) {
    this(name, isDefault, state, nodes, totalNodes, totalCpus, maxTime, Set.of());
  }

  /**
   * Returns true when the named field was sent but could not be decoded.
   *
   * @since 1.1
   */
  public boolean isInvalid(String field) {
    return invalidFields.contains(field);
  }

  /**
   * Returns this partition marked as the cluster's default, for sources that learn the default
   * apart from the partition list.
   *
   * @since 1.1
   */
  public Partition asDefault() {
    return new Partition(name, true, state, nodes, totalNodes, totalCpus, maxTime, invalidFields);
  }
}
