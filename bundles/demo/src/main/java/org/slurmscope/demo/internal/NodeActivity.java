package org.slurmscope.demo.internal;

import java.util.List;

/**
 * The load the lanes put on each node at one moment: CPUs and memory held by running jobs, how busy
 * those jobs keep them, and the flags that follow from the lanes. Arrays are indexed by node.
 */
final class NodeActivity {

  final int[] cpusAllocated;
  final long[] memoryAllocatedMb;

  /** CPUs' worth of busy time of the running jobs. */
  final double[] busyCpus;

  /** Memory the running jobs use, in MiB. */
  final double[] memoryUsedMb;

  /** A job on the node has ended and its epilog still runs. */
  final boolean[] completing;

  /** The node is idle and kept free for a submitted multi-node job (Slurm's PLANNED flag). */
  final boolean[] planned;

  /** An administrator has drained the node or is draining it. */
  final boolean[] drain;

  private NodeActivity(int nodeCount) {
    cpusAllocated = new int[nodeCount];
    memoryAllocatedMb = new long[nodeCount];
    busyCpus = new double[nodeCount];
    memoryUsedMb = new double[nodeCount];
    completing = new boolean[nodeCount];
    planned = new boolean[nodeCount];
    drain = new boolean[nodeCount];
  }

  /** Computes the activity of every node at a moment in Unix seconds. */
  static NodeActivity at(ClusterLayout layout, CycleJob job, double time) {
    List<SimNode> nodes = layout.nodes();
    NodeActivity activity = new NodeActivity(nodes.size());
    long second = (long) Math.floor(time);
    for (SimNode node : nodes) {
      activity.drain[node.index()] = node.role() == NodeRole.DRAINED;
    }
    for (Lane lane : layout.lanes()) {
      if (lane.kind == LaneKind.ROTATING_DRAIN) {
        activity.markRotatingDrain(lane, second);
      }
      if (lane.active) {
        activity.add(lane, job, time, second);
      }
    }
    for (int i = 0; i < nodes.size(); i++) {
      activity.planned[i] &= activity.cpusAllocated[i] == 0;
    }
    return activity;
  }

  private void add(Lane lane, CycleJob job, double time, long second) {
    long cycle = lane.cycleAt(second);
    job.load(lane, cycle);
    if (job.isRunning(second)) {
      double busy = lane.cpusPerNode * job.cpuUse(time);
      double used = lane.memoryPerNodeMb * job.memoryUse(time);
      for (int node : lane.nodes) {
        cpusAllocated[node] += lane.cpusPerNode;
        memoryAllocatedMb[node] += lane.memoryPerNodeMb;
        busyCpus[node] += busy;
        memoryUsedMb[node] += used;
      }
      return;
    }
    if (job.isCompleting(second)) {
      for (int node : lane.nodes) {
        completing[node] = true;
      }
    }
    // Slurm plans idle nodes for a pending multi-node job instead of filling them with small ones.
    if (lane.kind == LaneKind.MULTI && job.load(lane, cycle + 1).submit <= second) {
      for (int node : lane.nodes) {
        planned[node] = true;
      }
    }
  }

  /** Marks a rotation node as drained from the middle of each of its lane's cycles to the end. */
  private void markRotatingDrain(Lane lane, long second) {
    long intoCycle = second - lane.cycleStart(lane.cycleAt(second));
    if (intoCycle >= lane.cycleSeconds / 2) {
      drain[lane.nodes[0]] = true;
    }
  }
}
