package org.slurmscope.demo.internal;

import java.util.List;
import org.slurmscope.api.slurm.Partition;

/**
 * The fixed part of a simulated cluster, built once from the seed and sizes: nodes, lanes and
 * partitions. Nothing in it changes after construction.
 *
 * @param nodes the nodes in name order
 * @param lanes the lanes, each at the position of its index
 * @param partitions the partitions that have nodes
 * @param jobIds numbers the jobs of the lanes
 */
record ClusterLayout(
    List<SimNode> nodes, List<Lane> lanes, List<Partition> partitions, JobIds jobIds) {}
