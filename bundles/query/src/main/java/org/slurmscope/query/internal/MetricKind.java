package org.slurmscope.query.internal;

/** What the keys of a metric's result are, which decides how its series are mapped. */
enum MetricKind {
  /** SLURM node names; one series per node, the first kept when two map to one node. */
  NODE,
  /** SLURM node names; each node's scrape targets, the lowest {@code up} kept. */
  NODE_UP,
  /** Job ids; the series of a job's nodes summed. */
  JOB,
  /** GPU keys ({@code node/gpu} or {@code node/gpu/instance}); one series per GPU. */
  GPU,
  /** Job ids; the GPUs whose series name the job, averaged or summed. */
  GPU_JOB
}
