package org.slurmscope.demo.internal;

import java.util.List;
import org.slurmscope.api.slurm.JobState;

/**
 * The end of a simulated job, with the state and reason Slurm reports for it.
 *
 * <p>While its epilog runs a job keeps its end state and carries the {@code COMPLETING} flag, as
 * Slurm's JSON output has it ({@code ["COMPLETED","COMPLETING"]}); {@code squeue} prints such a job
 * as {@code COMPLETING}.
 */
enum Outcome {
  COMPLETED("None"),
  FAILED("NonZeroExitCode"),
  CANCELLED("None"),
  TIMEOUT("TimeLimit"),
  OUT_OF_MEMORY("OutOfMemory");

  private final String reason;
  private final JobState state;
  private final JobState completingState;

  Outcome(String reason) {
    this.reason = reason;
    this.state = JobState.of(name());
    this.completingState = new JobState(name(), List.of("COMPLETING"));
  }

  /** Returns the reason Slurm shows for a job that ended this way. */
  String reason() {
    return reason;
  }

  /** Returns the state after the epilog finished, or while it runs when {@code completing}. */
  JobState state(boolean completing) {
    return completing ? completingState : state;
  }
}
