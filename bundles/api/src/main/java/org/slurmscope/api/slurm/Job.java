package org.slurmscope.api.slurm;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * One SLURM job, or one record of an array or heterogeneous job, as a source reported it.
 *
 * <p>Every field but {@code id} and {@code state} may be null when the source did not send it. A
 * field the source sent in a shape that could not be decoded is null too and its name is listed in
 * {@link #invalidFields()}, so that a view can show it as unknown ("?") instead of blank.
 *
 * @param id the job id as Slurm prints it: {@code 123}, {@code 123_4}, {@code 123_[5-9%2]} or
 *     {@code 123+1}; a string, never a number
 * @param arrayJobId the array's job id for an array record, else null
 * @param arrayTaskId the task id or range for an array record ({@code 4}, {@code 3-6%2}), else null
 * @param user the owner's user name
 * @param account the account charged
 * @param partition the partition or comma-separated partitions
 * @param name the job name
 * @param state the job state, never null
 * @param reason why the job is pending or how it ended ({@code Resources}, {@code None})
 * @param submitTime when the job was submitted
 * @param startTime when the job started; for a pending job, Slurm's estimate
 * @param endTime when the job ended; for a running job, the end its time limit allows
 * @param timeLimit the time limit
 * @param nodes the allocated nodes as a Slurm hostlist ({@code node[01-04]}), or empty
 * @param nodeCount the number of nodes allocated or requested
 * @param cpus the number of CPUs allocated or requested
 * @param memory the memory requested
 * @param invalidFields names of the fields that failed to decode
 * @param hetJobId the heterogeneous job's id for a component of one ({@code 1234} of {@code
 *     1234+1}), else null; since 1.1
 * @param hetJobOffset the component's offset in its heterogeneous job, else null; since 1.1
 * @param exitCode how the batch script ended, or null while it runs or when not sent; since 1.1
 * @param gpus the GPUs allocated, or for a job without an allocation the GPUs requested; {@link
 *     Gpus#NONE} when none; since 1.1
 * @param scheduledNodes for a pending job, the nodes Slurm plans to start it on as a hostlist, or
 *     null; since 1.1
 * @param hosts the allocated nodes one by one, in Slurm's order; empty when none; since 1.1
 * @param slurmJobId Slurm's numeric {@code job_id} of this record, which names its cgroup: for an
 *     array task such as {@code 8_1} it differs from the array's id; null when the source did not
 *     send it; since 1.2
 */
public record Job(
    String id,
    String arrayJobId,
    String arrayTaskId,
    String user,
    String account,
    String partition,
    String name,
    JobState state,
    String reason,
    Instant submitTime,
    Instant startTime,
    Instant endTime,
    TimeLimit timeLimit,
    String nodes,
    Integer nodeCount,
    Integer cpus,
    MemoryRequest memory,
    Set<String> invalidFields,
    String hetJobId,
    Integer hetJobOffset,
    ExitCode exitCode,
    Gpus gpus,
    String scheduledNodes,
    List<String> hosts,
    Long slurmJobId) {

  public Job {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(state, "state");
    invalidFields = Set.copyOf(invalidFields);
    gpus = gpus == null ? Gpus.NONE : gpus;
    hosts = hosts == null ? List.of() : List.copyOf(hosts);
  }

  /** Creates a job without the field added in 1.2, as sources written for 1.1 do. */
  public Job(
      String id,
      String arrayJobId,
      String arrayTaskId,
      String user,
      String account,
      String partition,
      String name,
      JobState state,
      String reason,
      Instant submitTime,
      Instant startTime,
      Instant endTime,
      TimeLimit timeLimit,
      String nodes,
      Integer nodeCount,
      Integer cpus,
      MemoryRequest memory,
      Set<String> invalidFields,
      String hetJobId,
      Integer hetJobOffset,
      ExitCode exitCode,
      Gpus gpus,
      String scheduledNodes,
      List<String> hosts) {
    this(
        id,
        arrayJobId,
        arrayTaskId,
        user,
        account,
        partition,
        name,
        state,
        reason,
        submitTime,
        startTime,
        endTime,
        timeLimit,
        nodes,
        nodeCount,
        cpus,
        memory,
        invalidFields,
        hetJobId,
        hetJobOffset,
        exitCode,
        gpus,
        scheduledNodes,
        hosts,
        null);
  }

  /** Creates a job without the fields added in 1.1, as sources written for 1.0 do. */
  public Job(
      String id,
      String arrayJobId,
      String arrayTaskId,
      String user,
      String account,
      String partition,
      String name,
      JobState state,
      String reason,
      Instant submitTime,
      Instant startTime,
      Instant endTime,
      TimeLimit timeLimit,
      String nodes,
      Integer nodeCount,
      Integer cpus,
      MemoryRequest memory,
      Set<String> invalidFields) {
    this(
        id,
        arrayJobId,
        arrayTaskId,
        user,
        account,
        partition,
        name,
        state,
        reason,
        submitTime,
        startTime,
        endTime,
        timeLimit,
        nodes,
        nodeCount,
        cpus,
        memory,
        invalidFields,
        null,
        null,
        null,
        Gpus.NONE,
        null,
        List.of(),
        null);
  }

  /** Starts a builder for a job with the given id and state. */
  public static Builder builder(String id, JobState state) {
    return new Builder(id, state);
  }

  /** Returns a builder holding this job's values. */
  public Builder toBuilder() {
    Builder builder = new Builder(id, state);
    builder.arrayJobId = arrayJobId;
    builder.arrayTaskId = arrayTaskId;
    builder.user = user;
    builder.account = account;
    builder.partition = partition;
    builder.name = name;
    builder.reason = reason;
    builder.submitTime = submitTime;
    builder.startTime = startTime;
    builder.endTime = endTime;
    builder.timeLimit = timeLimit;
    builder.nodes = nodes;
    builder.nodeCount = nodeCount;
    builder.cpus = cpus;
    builder.memory = memory;
    builder.invalidFields.addAll(invalidFields);
    builder.hetJobId = hetJobId;
    builder.hetJobOffset = hetJobOffset;
    builder.exitCode = exitCode;
    builder.gpus = gpus;
    builder.scheduledNodes = scheduledNodes;
    builder.hosts = hosts;
    builder.slurmJobId = slurmJobId;
    return builder;
  }

  /** Returns true when the named field was sent but could not be decoded. */
  public boolean isInvalid(String field) {
    return invalidFields.contains(field);
  }

  /**
   * Returns Slurm's estimate of when a pending job starts, or null for a job that is not pending or
   * has no estimate yet.
   *
   * @since 1.1
   */
  public Instant estimatedStart() {
    return state.isPending() ? startTime : null;
  }

  /**
   * Returns true for a component of a heterogeneous job.
   *
   * @since 1.1
   */
  public boolean isHeterogeneous() {
    return hetJobId != null;
  }

  /**
   * Returns true for a task or the pending rest of a job array.
   *
   * @since 1.1
   */
  public boolean isArray() {
    return arrayJobId != null;
  }

  /**
   * Returns how long the job has run: up to {@code now} while it runs, up to its end once finished,
   * and null when it never started (a pending job's start time is only an estimate).
   */
  public Duration elapsed(Instant now) {
    if (startTime == null || state.isPending()) {
      return null;
    }
    Instant until = state.isFinished() && endTime != null ? endTime : now;
    if (until.isBefore(startTime)) {
      return Duration.ZERO;
    }
    return Duration.between(startTime, until);
  }

  /** Collects a job's values; fields left unset are null. */
  public static final class Builder {
    private final String id;
    private final JobState state;
    private String arrayJobId;
    private String arrayTaskId;
    private String user;
    private String account;
    private String partition;
    private String name;
    private String reason;
    private Instant submitTime;
    private Instant startTime;
    private Instant endTime;
    private TimeLimit timeLimit;
    private String nodes;
    private Integer nodeCount;
    private Integer cpus;
    private MemoryRequest memory;
    private final Set<String> invalidFields = new TreeSet<>();
    private String hetJobId;
    private Integer hetJobOffset;
    private ExitCode exitCode;
    private Gpus gpus = Gpus.NONE;
    private String scheduledNodes;
    private List<String> hosts = List.of();
    private Long slurmJobId;

    private Builder(String id, JobState state) {
      this.id = id;
      this.state = state;
    }

    public Builder arrayJobId(String value) {
      arrayJobId = value;
      return this;
    }

    public Builder arrayTaskId(String value) {
      arrayTaskId = value;
      return this;
    }

    public Builder user(String value) {
      user = value;
      return this;
    }

    public Builder account(String value) {
      account = value;
      return this;
    }

    public Builder partition(String value) {
      partition = value;
      return this;
    }

    public Builder name(String value) {
      name = value;
      return this;
    }

    public Builder reason(String value) {
      reason = value;
      return this;
    }

    public Builder submitTime(Instant value) {
      submitTime = value;
      return this;
    }

    public Builder startTime(Instant value) {
      startTime = value;
      return this;
    }

    public Builder endTime(Instant value) {
      endTime = value;
      return this;
    }

    public Builder timeLimit(TimeLimit value) {
      timeLimit = value;
      return this;
    }

    public Builder nodes(String value) {
      nodes = value;
      return this;
    }

    public Builder nodeCount(Integer value) {
      nodeCount = value;
      return this;
    }

    public Builder cpus(Integer value) {
      cpus = value;
      return this;
    }

    public Builder memory(MemoryRequest value) {
      memory = value;
      return this;
    }

    /** Sets the heterogeneous job id and this component's offset; since 1.1. */
    public Builder hetJob(String id, Integer offset) {
      hetJobId = id;
      hetJobOffset = offset;
      return this;
    }

    /** Since 1.1. */
    public Builder exitCode(ExitCode value) {
      exitCode = value;
      return this;
    }

    /** Since 1.1. */
    public Builder gpus(Gpus value) {
      gpus = value;
      return this;
    }

    /** Since 1.1. */
    public Builder scheduledNodes(String value) {
      scheduledNodes = value;
      return this;
    }

    /** Since 1.1. */
    public Builder hosts(List<String> value) {
      hosts = value;
      return this;
    }

    /** Since 1.2. */
    public Builder slurmJobId(Long value) {
      slurmJobId = value;
      return this;
    }

    /** Marks a field as sent but undecodable; use the record component's name. */
    public Builder invalid(String field) {
      invalidFields.add(field);
      return this;
    }

    public Job build() {
      return new Job(
          id,
          arrayJobId,
          arrayTaskId,
          user,
          account,
          partition,
          name,
          state,
          reason,
          submitTime,
          startTime,
          endTime,
          timeLimit,
          nodes,
          nodeCount,
          cpus,
          memory,
          invalidFields,
          hetJobId,
          hetJobOffset,
          exitCode,
          gpus,
          scheduledNodes,
          hosts,
          slurmJobId);
    }
  }
}
