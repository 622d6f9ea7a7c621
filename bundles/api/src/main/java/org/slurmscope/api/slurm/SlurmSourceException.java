package org.slurmscope.api.slurm;

/** A SLURM source could not produce a snapshot; the message says what failed and how to fix it. */
public class SlurmSourceException extends Exception {
  private static final long serialVersionUID = 1L;

  public SlurmSourceException(String message) {
    super(message);
  }

  public SlurmSourceException(String message, Throwable cause) {
    super(message, cause);
  }
}
