package org.slurmscope.slurm.json;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.slurmscope.api.slurm.NodeState;

/**
 * Reads node states as Slurm's text tools print them: {@code sinfo}'s short and long names with
 * their one-character suffixes ({@code idle*}, {@code mix-}, {@code drained~}) and {@code scontrol
 * show node}'s compound form ({@code MIXED+DRAIN+DYNAMIC_NORM}, {@code DOWN*+DRAIN}).
 *
 * <p>The suffixes, from the sinfo manual page: {@code *} not responding, {@code ~} powered off,
 * {@code #} powering up or being configured, {@code !} pending power down, {@code %} powering down,
 * {@code $} in a maintenance reservation, {@code @} pending reboot, {@code ^} reboot issued, {@code
 * -} planned by the backfill scheduler. Names sinfo derives from a flag ({@code drained}, {@code
 * draining}, {@code resv}) become the base state plus that flag, as in the JSON. Unknown names are
 * kept verbatim in upper case.
 */
public final class NodeStateText {

  private static final Map<Character, String> SUFFIX_FLAGS =
      Map.of(
          '*', "NOT_RESPONDING",
          '~', "POWERED_DOWN",
          '#', "POWERING_UP",
          '!', "POWER_DOWN",
          '%', "POWERING_DOWN",
          '$', "MAINTENANCE",
          '@', "REBOOT_REQUESTED",
          '^', "REBOOT_ISSUED",
          '-', "PLANNED");

  /** sinfo's names that stand for a base state plus a flag, as slurmctld's JSON sends them. */
  private static final Map<String, List<String>> DERIVED =
      Map.ofEntries(
          Map.entry("DRAINED", List.of("IDLE", "DRAIN")),
          Map.entry("DRAIN", List.of("IDLE", "DRAIN")),
          Map.entry("DRAINING", List.of("MIXED", "DRAIN")),
          Map.entry("DRNG", List.of("MIXED", "DRAIN")),
          Map.entry("RESV", List.of("IDLE", "RESERVED")),
          Map.entry("RESERVED", List.of("IDLE", "RESERVED")),
          Map.entry("MAINT", List.of("IDLE", "MAINTENANCE")),
          Map.entry("PLANNED", List.of("IDLE", "PLANNED")),
          Map.entry("FAILING", List.of("ALLOCATED", "FAIL")),
          Map.entry("FAIL", List.of("DOWN", "FAIL")),
          Map.entry("COMP", List.of("IDLE", "COMPLETING")),
          Map.entry("COMPLETING", List.of("IDLE", "COMPLETING")),
          Map.entry("POWERED_DOWN", List.of("IDLE", "POWERED_DOWN")),
          Map.entry("POWER_DOWN", List.of("IDLE", "POWER_DOWN")),
          Map.entry("POWERING_UP", List.of("IDLE", "POWERING_UP")),
          Map.entry("POWERING_DOWN", List.of("IDLE", "POWERING_DOWN")),
          Map.entry("REBOOT^", List.of("IDLE", "REBOOT_ISSUED")),
          Map.entry("BOOT", List.of("IDLE", "REBOOT_ISSUED")));

  /** sinfo's short names of base states. */
  private static final Map<String, String> SHORT =
      Map.of(
          "ALLOC", "ALLOCATED",
          "MIX", "MIXED",
          "UNK", "UNKNOWN",
          "FUTR", "FUTURE",
          "INVAL", "INVAL",
          "NPC", "PERFCTRS");

  private NodeStateText() {}

  /**
   * Parses a state.
   *
   * @throws IllegalArgumentException when the text is blank
   */
  public static NodeState parse(String text) {
    if (text == null || text.isBlank()) {
      throw new IllegalArgumentException("node state is empty");
    }
    String[] parts = text.strip().toUpperCase(Locale.ROOT).split("\\+");
    List<String> flags = new ArrayList<>();
    String base = null;
    for (int i = 0; i < parts.length; i++) {
      String part = parts[i];
      List<String> suffixFlags = new ArrayList<>();
      while (part.length() > 1 && SUFFIX_FLAGS.containsKey(part.charAt(part.length() - 1))) {
        suffixFlags.add(0, SUFFIX_FLAGS.get(part.charAt(part.length() - 1)));
        part = part.substring(0, part.length() - 1);
      }
      if (i == 0) {
        List<String> derived = DERIVED.get(part);
        if (derived != null) {
          base = derived.get(0);
          flags.addAll(derived.subList(1, derived.size()));
        } else {
          base = SHORT.getOrDefault(part, part);
        }
      } else if (!part.isEmpty() && !flags.contains(part)) {
        flags.add(part);
      }
      for (String flag : suffixFlags) {
        if (!flags.contains(flag)) {
          flags.add(flag);
        }
      }
    }
    return new NodeState(base, flags);
  }
}
