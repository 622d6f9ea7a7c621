package org.slurmscope.demo.internal;

import java.util.List;

/**
 * The hardware of a simulated node. Sizes are in the range of current two-socket servers; memory is
 * Slurm's {@code RealMemory}, a little below the installed amount.
 */
enum NodeKind {
  /** Older CPU nodes: 48 cores, 192 GiB installed. */
  CPU_OLD("cn", 48, 191_000, null, Workload.CPU),
  /** Newer CPU nodes: 64 cores, 256 GiB installed. */
  CPU("cn", 64, 257_000, null, Workload.CPU),
  /** GPU nodes: 64 cores, 512 GiB and four A100 GPUs. */
  GPU("gpu", 64, 515_000, "gpu:a100:4", Workload.GPU),
  /** Large-memory nodes: 96 cores, 2 TiB installed. */
  BIGMEM("bigmem", 96, 2_063_000, null, Workload.BIGMEM);

  private static final List<String> DEBUG_PARTITIONS = List.of("debug");

  private final String namePrefix;
  private final int cpus;
  private final long memoryMb;
  private final String gres;
  private final Workload workload;
  private final List<String> partitions;

  NodeKind(String namePrefix, int cpus, long memoryMb, String gres, Workload workload) {
    this.namePrefix = namePrefix;
    this.cpus = cpus;
    this.memoryMb = memoryMb;
    this.gres = gres;
    this.workload = workload;
    this.partitions = List.of(workload.partition());
  }

  String namePrefix() {
    return namePrefix;
  }

  int cpus() {
    return cpus;
  }

  long memoryMb() {
    return memoryMb;
  }

  /** Returns the GRES in Slurm's syntax, or null when the node has none. */
  String gres() {
    return gres;
  }

  Workload workload() {
    return workload;
  }

  /** Returns the partitions a node of this kind belongs to, for the given role. */
  List<String> partitions(NodeRole role) {
    return role == NodeRole.DEBUG ? DEBUG_PARTITIONS : partitions;
  }
}
