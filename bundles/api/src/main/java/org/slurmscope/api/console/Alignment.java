package org.slurmscope.api.console;

/** Horizontal alignment of a column: text to the left, numbers to the right. */
public enum Alignment {
  LEFT,
  RIGHT
}
