package org.slurmscope.api.console;

/** How a cell should stand out; the console maps each tone to its colour theme. */
public enum Tone {
  NORMAL,
  /** Healthy or well used. */
  GOOD,
  /** Needs a look: high use, a drained node, a pending job. */
  WARNING,
  /** Something is wrong: a down node, a failed job, a value at its limit. */
  CRITICAL,
  /** Less important or absent data, such as {@code n/a}. */
  DIM
}
