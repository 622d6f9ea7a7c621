package org.slurmscope.api.slurm;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * A node's state: a base state such as {@code IDLE}, {@code MIXED} or {@code DOWN} and flags such
 * as {@code DRAIN}, {@code NOT_RESPONDING} or {@code PLANNED}.
 *
 * <p>Slurm 21.08 and 22.05 send a lower-case base state plus a separate {@code state_flags} array;
 * later releases send one upper-case array whose first element is the base state. Both become this
 * record, base and flags in upper case. Unknown values are kept verbatim.
 *
 * @param base the base state in upper case, never empty
 * @param flags further state flags in upper case, in the order Slurm sent them
 */
public record NodeState(String base, List<String> flags) {

  public NodeState {
    Objects.requireNonNull(base, "base");
    if (base.isBlank()) {
      throw new IllegalArgumentException("node state base must not be blank");
    }
    base = base.strip().toUpperCase(Locale.ROOT);
    flags = flags.stream().map(flag -> flag.strip().toUpperCase(Locale.ROOT)).toList();
  }

  /** Creates a state with no flags. */
  public static NodeState of(String base) {
    return new NodeState(base, List.of());
  }

  /**
   * Parses Slurm's compound text form such as {@code IDLE+DRAIN} or {@code down+not_responding}.
   *
   * @throws IllegalArgumentException when the text is blank
   */
  public static NodeState parse(String compound) {
    String[] parts = compound.strip().split("\\+");
    return new NodeState(parts[0], List.of(parts).subList(1, parts.length));
  }

  /** Returns the state in Slurm's compound form, for example {@code IDLE+DRAIN}. */
  public String compound() {
    return flags.isEmpty() ? base : base + "+" + String.join("+", flags);
  }

  /** Returns true when the state carries the given flag (upper case). */
  public boolean hasFlag(String flag) {
    return flags.contains(flag);
  }

  /**
   * Returns the one state a summary counts this node under, by the precedence DOWN/FAIL, then
   * DRAINED or DRAINING, then MAINT/RESERVED, then ALLOCATED/MIXED/COMPLETING, then IDLE. An idle
   * node with the DRAIN flag is DRAINED; a busy one is DRAINING, because jobs still run on it.
   */
  public String summary() {
    if (base.equals("DOWN") || base.equals("FAIL") || hasFlag("FAIL")) {
      return base.equals("FAIL") || hasFlag("FAIL") ? "FAIL" : "DOWN";
    }
    if (hasFlag("DRAIN")) {
      return isBusy() ? "DRAINING" : "DRAINED";
    }
    if (hasFlag("MAINTENANCE") || hasFlag("MAINT")) {
      return "MAINT";
    }
    if (hasFlag("RESERVED")) {
      return "RESERVED";
    }
    return base;
  }

  /** Returns true when jobs hold resources on the node. */
  public boolean isBusy() {
    return base.equals("ALLOCATED")
        || base.equals("MIXED")
        || base.equals("COMPLETING")
        || hasFlag("COMPLETING");
  }

  @Override
  public String toString() {
    return compound();
  }
}
