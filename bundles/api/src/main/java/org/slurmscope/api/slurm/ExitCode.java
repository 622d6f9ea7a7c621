package org.slurmscope.api.slurm;

/**
 * How a job's batch script ended, as Slurm records it: a return code or the signal that ended it.
 *
 * <p>Slurm up to data_parser v0.0.39 sends the raw wait status (return code times 256 plus the
 * signal number); later releases send {@code {"status": [...], "return_code": ..., "signal": {"id":
 * ...}}}. Both become this record.
 *
 * @param status Slurm's word for the outcome ({@code SUCCESS}, {@code ERROR}, {@code SIGNALED},
 *     {@code CORE_DUMPED}), or null when Slurm did not send one
 * @param returnCode the script's exit status, or null when it was ended by a signal
 * @param signal the signal number that ended it, or null when it was not signalled
 * @since 1.1
 */
public record ExitCode(String status, Integer returnCode, Integer signal) {

  /**
   * Decodes a raw wait status as Slurm up to v0.0.39 sends it.
   *
   * @param waitStatus the value of {@code exit_code}, not negative
   */
  public static ExitCode ofWaitStatus(long waitStatus) {
    int signal = (int) (waitStatus & 0x7f);
    int returnCode = (int) ((waitStatus >> 8) & 0xff);
    if (signal != 0) {
      return new ExitCode("SIGNALED", null, signal);
    }
    return new ExitCode(returnCode == 0 ? "SUCCESS" : "ERROR", returnCode, null);
  }

  /** Returns the form {@code sacct} prints, return code and signal: {@code 0:0}, {@code 3:0}. */
  public String text() {
    return (returnCode == null ? 0 : returnCode) + ":" + (signal == null ? 0 : signal);
  }

  /** Returns true when the script returned 0 and no signal ended it. */
  public boolean isSuccess() {
    return signal == null && returnCode != null && returnCode == 0;
  }
}
