package org.slurmscope.api.slurm;

import java.util.List;
import java.util.Objects;

/**
 * A job's state as Slurm reports it: a base state such as {@code RUNNING} or {@code PENDING} and
 * flags such as {@code COMPLETING} or {@code REQUEUED}.
 *
 * <p>Slurm up to data_parser v0.0.39 sends the state as one string, later releases as an array
 * whose first element is the base state. Values this model does not know (Slurm adds states over
 * time, {@code EXPEDITING} in v0.0.44) are kept verbatim.
 *
 * @param base the base state in upper case, never empty
 * @param flags further state flags in the order Slurm sent them
 */
public record JobState(String base, List<String> flags) {

  /** Base states after which a job holds no more resources. */
  private static final List<String> FINISHED =
      List.of(
          "BOOT_FAIL",
          "CANCELLED",
          "COMPLETED",
          "DEADLINE",
          "FAILED",
          "NODE_FAIL",
          "OUT_OF_MEMORY",
          "PREEMPTED",
          "TIMEOUT");

  public JobState {
    Objects.requireNonNull(base, "base");
    if (base.isBlank()) {
      throw new IllegalArgumentException("job state base must not be blank");
    }
    flags = List.copyOf(flags);
  }

  /** Creates a state with no flags. */
  public static JobState of(String base) {
    return new JobState(base, List.of());
  }

  /** Returns the state in Slurm's compound form, for example {@code PENDING+REQUEUED}. */
  public String compound() {
    return flags.isEmpty() ? base : base + "+" + String.join("+", flags);
  }

  /** Returns true for {@code RUNNING}. */
  public boolean isRunning() {
    return base.equals("RUNNING");
  }

  /** Returns true for {@code PENDING}. */
  public boolean isPending() {
    return base.equals("PENDING");
  }

  /** Returns true when the job has ended, successfully or not. */
  public boolean isFinished() {
    return FINISHED.contains(base);
  }

  @Override
  public String toString() {
    return compound();
  }
}
