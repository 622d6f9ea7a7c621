package org.slurmscope.demo.internal;

/**
 * The part a node plays in the simulation. Most nodes are {@link #NORMAL}. A few play a fixed role
 * so that every common node and job state is on screen at any time at the default size.
 */
enum NodeRole {
  /** Runs jobs on its lanes. */
  NORMAL,
  /** {@code DOWN+NOT_RESPONDING}: no jobs and no metric series. */
  DOWN,
  /** {@code IDLE+DRAIN}: drained by an administrator, no jobs. */
  DRAINED,
  /** {@code IDLE+RESERVED}: in an advance reservation that no job uses yet. */
  RESERVED,
  /**
   * Part of a rolling update: drained during the second half of each of its job's cycles, so the
   * node shows {@code MIXED+DRAIN} while the job finishes.
   */
  ROTATING_DRAIN,
  /** Runs jobs whose epilog takes minutes, so one of its jobs is always {@code COMPLETING}. */
  SLOW_EPILOG,
  /**
   * A node of the {@code debug} partition: short jobs whose outcomes cycle through every end state.
   */
  DEBUG
}
