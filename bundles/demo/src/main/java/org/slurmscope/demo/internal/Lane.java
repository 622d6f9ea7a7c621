package org.slurmscope.demo.internal;

import org.slurmscope.api.slurm.MemoryRequest;

/**
 * A fixed slice of one or more nodes that runs one job after another, one job per cycle.
 *
 * <p>Cycle {@code g} starts at {@code originSeconds + g * cycleSeconds} (Unix seconds). Its job
 * starts at or shortly after that moment and ends, epilog included, before the next cycle starts,
 * so the jobs of a lane never overlap and the CPUs and memory a node's lanes reserve never exceed
 * the node's. Everything else about a job is derived from a hash of (seed, lane index, cycle) in
 * {@link CycleJob}.
 */
final class Lane {

  final int index;
  final LaneKind kind;
  final Workload workload;

  /** Indexes of the nodes this lane uses, neighbours in the node list for a multi-node lane. */
  final int[] nodes;

  /** The nodes as a Slurm hostlist expression. */
  final String hostlist;

  final int cpusPerNode;
  final long memoryPerNodeMb;
  final MemoryRequest memoryRequest;
  final long cycleSeconds;
  final long originSeconds;

  /** Position within its group: array task slot, debug lane, epilog lane or rotation node. */
  final int member;

  /** For an array lane, the index of the lane whose member is 0; else this lane's index. */
  final int groupLead;

  /** For an array lane, the number of lanes in its group (the array's throttle); else 1. */
  final int groupSize;

  /** False when the configured job count is too small for this lane to run anything. */
  final boolean active;

  /** For a single or multi-node lane, the mean wait between submission and start, in cycles. */
  final double queueDepth;

  /** The maximum number of seconds by which a job of this lane is submitted before its cycle. */
  final long maxLeadSeconds;

  Lane(LaneDraft draft, String hostlist) {
    this.index = draft.index;
    this.kind = draft.kind;
    this.workload = draft.workload;
    this.nodes = draft.nodes;
    this.hostlist = hostlist;
    this.cpusPerNode = draft.cpusPerNode;
    this.memoryPerNodeMb = draft.memoryRequest.totalMebibytes(draft.cpusPerNode, 1);
    this.memoryRequest = draft.memoryRequest;
    this.cycleSeconds = draft.cycleSeconds;
    this.originSeconds = draft.originSeconds;
    this.member = draft.member;
    this.groupLead = draft.groupLead;
    this.groupSize = draft.groupSize;
    this.active = draft.active;
    this.queueDepth = draft.queueDepth;
    this.maxLeadSeconds = CycleJob.maxLeadSeconds(draft.kind, draft.cycleSeconds, draft.queueDepth);
  }

  /** Returns the cycle that contains the given second. */
  long cycleAt(long epochSecond) {
    return Math.floorDiv(epochSecond - originSeconds, cycleSeconds);
  }

  /** Returns the second at which the given cycle starts. */
  long cycleStart(long cycle) {
    return originSeconds + cycle * cycleSeconds;
  }

  int cpusTotal() {
    return cpusPerNode * nodes.length;
  }

  /** A lane while the layout is being built; its fields change until it becomes a {@link Lane}. */
  static final class LaneDraft {
    int index;
    LaneKind kind;
    Workload workload;
    int[] nodes;
    int cpusPerNode;
    MemoryRequest memoryRequest;
    long cycleSeconds;
    long originSeconds;
    int member;
    int groupLead;
    int groupSize = 1;
    boolean active = true;
    double queueDepth;

    LaneDraft(
        int index,
        LaneKind kind,
        Workload workload,
        int[] nodes,
        int cpusPerNode,
        MemoryRequest memoryRequest) {
      this.index = index;
      this.kind = kind;
      this.workload = workload;
      this.nodes = nodes;
      this.cpusPerNode = cpusPerNode;
      this.memoryRequest = memoryRequest;
      this.groupLead = index;
    }
  }
}
