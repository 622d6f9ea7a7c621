package org.slurmscope.slurm.cli.internal;

import java.util.Locale;

/** The {@code nodesCommand} setting: which command lists the nodes. */
enum NodesCommand {
  /** {@code scontrol show nodes --json}, or {@code sinfo --json} where scontrol has no --json. */
  AUTO,
  /** {@code scontrol show nodes --json}, which Slurm has from 23.02 on. */
  SCONTROL,
  /** {@code sinfo --json} up to Slurm 22.05, {@code sinfo -N --json} from 23.02 on. */
  SINFO;

  /** Returns the setting's value as written in the configuration. */
  String value() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Parses a configured value, ignoring case; returns null for an unknown value. */
  static NodesCommand parse(String value) {
    for (NodesCommand command : values()) {
      if (command.value().equalsIgnoreCase(value.strip())) {
        return command;
      }
    }
    return null;
  }
}
