package org.slurmscope.api.console;

import java.util.Objects;

/**
 * One table cell: the text the terminal shows, the machine-readable value that {@code --once
 * --format json} prints, and the tone that colours it.
 *
 * @param text the text to display, never null
 * @param value the value for JSON and CSV output: a {@link String}, a {@link Number}, a {@link
 *     Boolean}, a {@link java.util.List} of those, a {@link java.util.Map} from sub-key to one of
 *     those (printed as the flat keys {@code <column key>_<sub-key>}), or null when there is no
 *     value
 * @param tone how the cell stands out
 */
public record Cell(String text, Object value, Tone tone) {

  /** The cell shown when a value is absent, for example a node with no metric series. */
  public static final Cell NOT_AVAILABLE = new Cell("n/a", null, Tone.DIM);

  /** The cell shown when the source sent a value that could not be decoded. */
  public static final Cell INVALID = new Cell("?", null, Tone.WARNING);

  public Cell {
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(tone, "tone");
  }

  /** Creates a normal text cell whose JSON value is the text itself, or null for a null text. */
  public static Cell text(String text) {
    return text == null ? new Cell("", null, Tone.NORMAL) : new Cell(text, text, Tone.NORMAL);
  }

  /** Returns this cell with another tone. */
  public Cell withTone(Tone newTone) {
    return new Cell(text, value, newTone);
  }
}
