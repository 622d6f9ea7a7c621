package org.slurmscope.demo.internal;

/** How the jobs of a lane are timed and named. */
enum LaneKind {
  /** Jobs on part of one node or on the whole node, with random runtimes and outcomes. */
  SINGLE,
  /** Whole-node jobs spanning several neighbouring nodes. */
  MULTI,
  /** One task slot of a job array; the lanes of one array group run its tasks side by side. */
  ARRAY,
  /** Short {@code debug} jobs whose outcomes cycle through every end state. */
  DEBUG,
  /** Jobs followed by a ten-minute epilog, on a {@link NodeRole#SLOW_EPILOG} node. */
  SLOW_EPILOG,
  /** Jobs that run almost a whole cycle, on a {@link NodeRole#ROTATING_DRAIN} node. */
  ROTATING_DRAIN
}
