package org.slurmscope.demo.internal;

import java.util.List;

/**
 * One simulated node: its fixed description and the lanes that run jobs on it.
 *
 * @param index position in the layout's node list
 * @param name the Slurm node name, also its host name
 * @param kind the hardware
 * @param role what the node does in the simulation
 * @param partitions the partitions the node belongs to
 * @param reason the reason an administrator gave for its state, or null
 * @param lanes indexes of the lanes that place jobs on this node; never modified
 */
record SimNode(
    int index,
    String name,
    NodeKind kind,
    NodeRole role,
    List<String> partitions,
    String reason,
    int[] lanes) {

  int cpus() {
    return kind.cpus();
  }

  long memoryMb() {
    return kind.memoryMb();
  }
}
