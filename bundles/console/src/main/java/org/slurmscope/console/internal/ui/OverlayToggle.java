package org.slurmscope.console.internal.ui;

/**
 * A key that switches a column overlay on or off from the view it adds columns to. Overlays declare
 * it with the component properties {@code slurmscope.overlay.key} and {@code
 * slurmscope.overlay.view}; the key works while the overlay is off too.
 *
 * @param key the key
 * @param name the overlay's name for the help screen
 * @param pid the overlay's configuration PID, where {@code enabled} is written
 * @param rowKind the view row kind the overlay serves, for example {@code nodes}
 * @param enabled whether the overlay is on now
 */
public record OverlayToggle(char key, String name, String pid, String rowKind, boolean enabled) {

  /** Component property with the key. */
  public static final String KEY_PROPERTY = "slurmscope.overlay.key";

  /** Component property with the row kind of the view the key works in. */
  public static final String VIEW_PROPERTY = "slurmscope.overlay.view";
}
