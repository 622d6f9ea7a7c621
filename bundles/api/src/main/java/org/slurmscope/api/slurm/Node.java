package org.slurmscope.api.slurm;

import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * One SLURM node as a source reported it.
 *
 * <p>Every field but {@code name} and {@code state} may be null when the source did not send it or
 * sent a NO_VAL sentinel. A field that failed to decode is null and listed in {@link
 * #invalidFields()}.
 *
 * @param name the node name Slurm uses ({@code NodeName})
 * @param hostname the host name the node answers as ({@code NodeHostname}), often the same as name
 * @param state the node state, never null
 * @param partitions the partitions the node belongs to, without the default-partition {@code *}
 * @param cpusAllocated CPUs allocated to jobs
 * @param cpusTotal CPUs configured
 * @param memoryAllocatedMb memory allocated to jobs in MiB
 * @param memoryTotalMb memory configured ({@code RealMemory}) in MiB
 * @param memoryFreeMb free memory the node's slurmd last reported in MiB
 * @param cpuLoad the load average slurmd last reported (Slurm's {@code CPULoad}, already divided by
 *     100)
 * @param reason why the node is down or drained, if it has a reason
 * @param gres the generic resources configured, in Slurm's GRES syntax ({@code gpu:a100:4})
 * @param invalidFields names of the fields that failed to decode
 * @param gpusConfigured the node's GPUs, from its configured GRES; {@link Gpus#NONE} when none;
 *     since 1.1
 * @param gpusAllocated the GPUs jobs hold, with their indexes where Slurm sends them; since 1.1
 */
public record Node(
    String name,
    String hostname,
    NodeState state,
    List<String> partitions,
    Integer cpusAllocated,
    Integer cpusTotal,
    Long memoryAllocatedMb,
    Long memoryTotalMb,
    Long memoryFreeMb,
    Double cpuLoad,
    String reason,
    String gres,
    Set<String> invalidFields,
    Gpus gpusConfigured,
    Gpus gpusAllocated) {

  public Node {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(state, "state");
    partitions = partitions == null ? List.of() : List.copyOf(partitions);
    invalidFields = Set.copyOf(invalidFields);
    gpusConfigured = gpusConfigured == null ? Gpus.NONE : gpusConfigured;
    gpusAllocated = gpusAllocated == null ? Gpus.NONE : gpusAllocated;
  }

  /** Creates a node without the fields added in 1.1, as sources written for 1.0 do. */
  public Node(
      String name,
      String hostname,
      NodeState state,
      List<String> partitions,
      Integer cpusAllocated,
      Integer cpusTotal,
      Long memoryAllocatedMb,
      Long memoryTotalMb,
      Long memoryFreeMb,
      Double cpuLoad,
      String reason,
      String gres,
      Set<String> invalidFields) {
    this(
        name,
        hostname,
        state,
        partitions,
        cpusAllocated,
        cpusTotal,
        memoryAllocatedMb,
        memoryTotalMb,
        memoryFreeMb,
        cpuLoad,
        reason,
        gres,
        invalidFields,
        Gpus.NONE,
        Gpus.NONE);
  }

  /** Starts a builder for a node with the given name and state. */
  public static Builder builder(String name, NodeState state) {
    return new Builder(name, state);
  }

  /** Returns true when the named field was sent but could not be decoded. */
  public boolean isInvalid(String field) {
    return invalidFields.contains(field);
  }

  /** Collects a node's values; fields left unset are null. */
  public static final class Builder {
    private final String name;
    private final NodeState state;
    private String hostname;
    private List<String> partitions = List.of();
    private Integer cpusAllocated;
    private Integer cpusTotal;
    private Long memoryAllocatedMb;
    private Long memoryTotalMb;
    private Long memoryFreeMb;
    private Double cpuLoad;
    private String reason;
    private String gres;
    private final Set<String> invalidFields = new TreeSet<>();
    private Gpus gpusConfigured = Gpus.NONE;
    private Gpus gpusAllocated = Gpus.NONE;

    private Builder(String name, NodeState state) {
      this.name = name;
      this.state = state;
    }

    public Builder hostname(String value) {
      hostname = value;
      return this;
    }

    public Builder partitions(List<String> value) {
      partitions = value;
      return this;
    }

    public Builder cpusAllocated(Integer value) {
      cpusAllocated = value;
      return this;
    }

    public Builder cpusTotal(Integer value) {
      cpusTotal = value;
      return this;
    }

    public Builder memoryAllocatedMb(Long value) {
      memoryAllocatedMb = value;
      return this;
    }

    public Builder memoryTotalMb(Long value) {
      memoryTotalMb = value;
      return this;
    }

    public Builder memoryFreeMb(Long value) {
      memoryFreeMb = value;
      return this;
    }

    public Builder cpuLoad(Double value) {
      cpuLoad = value;
      return this;
    }

    public Builder reason(String value) {
      reason = value;
      return this;
    }

    public Builder gres(String value) {
      gres = value;
      return this;
    }

    /** Since 1.1. */
    public Builder gpusConfigured(Gpus value) {
      gpusConfigured = value;
      return this;
    }

    /** Since 1.1. */
    public Builder gpusAllocated(Gpus value) {
      gpusAllocated = value;
      return this;
    }

    /** Marks a field as sent but undecodable; use the record component's name. */
    public Builder invalid(String field) {
      invalidFields.add(field);
      return this;
    }

    public Node build() {
      return new Node(
          name,
          hostname,
          state,
          partitions,
          cpusAllocated,
          cpusTotal,
          memoryAllocatedMb,
          memoryTotalMb,
          memoryFreeMb,
          cpuLoad,
          reason,
          gres,
          invalidFields,
          gpusConfigured,
          gpusAllocated);
    }
  }
}
