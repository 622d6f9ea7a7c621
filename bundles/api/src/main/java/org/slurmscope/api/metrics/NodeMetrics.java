package org.slurmscope.api.metrics;

/** Names of the per-node metrics that metric sources provide and overlays request. */
public final class NodeMetrics {

  /** Busy CPU time of the node as a percentage of all its CPUs, 0 to 100. */
  public static final String CPU_PERCENT = "node.cpu.percent";

  /** Memory in use (total minus available) as a percentage of total memory, 0 to 100. */
  public static final String MEMORY_PERCENT = "node.memory.percent";

  /** The one-minute load average as the node's kernel reports it. */
  public static final String LOAD1 = "node.load1";

  private NodeMetrics() {}
}
