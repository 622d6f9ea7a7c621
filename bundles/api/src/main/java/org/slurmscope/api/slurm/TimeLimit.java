package org.slurmscope.api.slurm;

/**
 * A job or partition time limit. Slurm distinguishes a limit in minutes from {@code UNLIMITED},
 * {@code NOT_SET} and a value it could not tell; an unlimited job must never look like one with
 * zero minutes left.
 *
 * @param kind which of the four cases this is
 * @param minutes the limit in minutes, meaningful only for {@link Kind#MINUTES}
 */
public record TimeLimit(Kind kind, long minutes) {

  /** The four cases of a Slurm time limit. */
  public enum Kind {
    MINUTES,
    UNLIMITED,
    NOT_SET,
    UNKNOWN
  }

  public static final TimeLimit UNLIMITED = new TimeLimit(Kind.UNLIMITED, 0);
  public static final TimeLimit NOT_SET = new TimeLimit(Kind.NOT_SET, 0);
  public static final TimeLimit UNKNOWN = new TimeLimit(Kind.UNKNOWN, 0);

  public TimeLimit {
    if (kind == Kind.MINUTES && minutes < 0) {
      throw new IllegalArgumentException("time limit must not be negative: " + minutes + " min");
    }
  }

  /** Creates a limit of the given number of minutes. */
  public static TimeLimit ofMinutes(long minutes) {
    return new TimeLimit(Kind.MINUTES, minutes);
  }

  /** Returns true when the limit is a number of minutes. */
  public boolean isFinite() {
    return kind == Kind.MINUTES;
  }
}
