package org.slurmscope.demo.internal;

/**
 * Numbers the jobs of a layout. A job's number grows with the start of its cycle: each {@value
 * #UNIT_SECONDS}-second unit since 2026-01-01 gives every lane one number, so numbers rise with
 * time like Slurm's. As in Slurm, numbers wrap back to 1 after {@value #MAX_JOB_ID}, unless the
 * listed jobs could span more than one wrap, where they would collide.
 */
final class JobIds {

  /** 2026-01-01T00:00:00Z in Unix seconds. */
  private static final long EPOCH_SECONDS = 1_767_225_600L;

  /** The shortest lane cycle, so no lane starts two cycles within one unit. */
  static final long UNIT_SECONDS = CycleJob.DEBUG_CYCLE_SECONDS;

  /** Slurm's default {@code MaxJobId}. */
  static final long MAX_JOB_ID = 67_043_328L;

  private final long laneCount;
  private final long wrap;

  /**
   * @param laneCount the number of lanes in the layout
   * @param listedSpanSeconds how far apart the cycle starts of two jobs listed at one moment can be
   */
  JobIds(int laneCount, long listedSpanSeconds) {
    this.laneCount = Math.max(1, laneCount);
    long wrapSeconds = MAX_JOB_ID / this.laneCount * UNIT_SECONDS;
    this.wrap = wrapSeconds > listedSpanSeconds ? MAX_JOB_ID : Long.MAX_VALUE;
  }

  /** Returns the job number of a lane's cycle, from 1 to the wrap. */
  long number(Lane lane, long cycle) {
    long unit = Math.floorDiv(lane.cycleStart(cycle) - EPOCH_SECONDS, UNIT_SECONDS);
    return 1 + Math.floorMod(unit * laneCount + lane.index, wrap);
  }
}
