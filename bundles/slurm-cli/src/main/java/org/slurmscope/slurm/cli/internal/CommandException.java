package org.slurmscope.slurm.cli.internal;

import org.slurmscope.api.slurm.SlurmSourceException;

/**
 * A Slurm command that could not be run or did not produce usable output. The message names the
 * command line, what failed and the fix; the fields let the caller react to one kind of failure,
 * such as a release whose scontrol has no {@code --json}.
 */
final class CommandException extends SlurmSourceException {
  private static final long serialVersionUID = 1L;

  /** The kind of failure. */
  enum Failure {
    /** The executable was not found. */
    NOT_FOUND,
    /** The executable was found but could not be started. */
    NOT_STARTED,
    /** The command ran longer than the timeout and was stopped. */
    TIMED_OUT,
    /** The command exited with a status other than 0. */
    EXIT_STATUS,
    /** The command exited with 0, but its output could not be decoded or reported errors. */
    OUTPUT
  }

  private final Failure failure;
  private final String stderr;

  CommandException(Failure failure, String message, String stderr, Throwable cause) {
    super(message, cause);
    this.failure = failure;
    this.stderr = stderr;
  }

  Failure failure() {
    return failure;
  }

  /** Returns the start of the command's standard error, empty when it printed nothing. */
  String stderr() {
    return stderr;
  }
}
