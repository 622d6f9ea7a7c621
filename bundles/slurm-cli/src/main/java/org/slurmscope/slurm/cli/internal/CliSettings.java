package org.slurmscope.slurm.cli.internal;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * Validated values of {@link CliConfiguration}.
 *
 * @param squeue the squeue command
 * @param sinfo the sinfo command
 * @param scontrol the scontrol command
 * @param slurmConf the slurm.conf to pass as SLURM_CONF, or null to inherit the environment's
 * @param timeout how long one command may run
 * @param nodesCommand where nodes come from
 */
record CliSettings(
    SlurmTool squeue,
    SlurmTool sinfo,
    SlurmTool scontrol,
    Path slurmConf,
    Duration timeout,
    NodesCommand nodesCommand) {

  static final int MIN_TIMEOUT_SECONDS = 1;
  static final int MAX_TIMEOUT_SECONDS = 600;

  /**
   * Checks a configuration.
   *
   * @throws IllegalArgumentException naming the PID, the key, the value and the rule
   */
  static CliSettings validate(CliConfiguration config) {
    return new CliSettings(
        tool("squeueCommand", config.squeueCommand()),
        tool("sinfoCommand", config.sinfoCommand()),
        tool("scontrolCommand", config.scontrolCommand()),
        slurmConf(config.slurmConf()),
        timeout(config.timeoutSeconds()),
        nodesCommand(config.nodesCommand()));
  }

  private static SlurmTool tool(String key, String value) {
    if (value == null || value.isBlank()) {
      throw invalid(key, value, "it must name the executable or give its absolute path");
    }
    return new SlurmTool(key, value.strip());
  }

  private static Path slurmConf(String value) {
    if (value == null || value.isBlank()) {
      return null;
    }
    Path path = Path.of(value.strip());
    if (!path.isAbsolute()) {
      throw invalid(
          "slurmConf", value, "it must be an absolute path, or empty to inherit SLURM_CONF");
    }
    return path;
  }

  private static Duration timeout(int seconds) {
    if (seconds < MIN_TIMEOUT_SECONDS || seconds > MAX_TIMEOUT_SECONDS) {
      throw invalid(
          "timeoutSeconds",
          Integer.toString(seconds),
          "it must be between " + MIN_TIMEOUT_SECONDS + " and " + MAX_TIMEOUT_SECONDS + " seconds");
    }
    return Duration.ofSeconds(seconds);
  }

  private static NodesCommand nodesCommand(String value) {
    NodesCommand command = value == null ? null : NodesCommand.parse(value);
    if (command == null) {
      String allowed =
          Arrays.stream(NodesCommand.values())
              .map(NodesCommand::value)
              .collect(Collectors.joining(", "));
      throw invalid("nodesCommand", value, "it must be one of " + allowed);
    }
    return command;
  }

  private static IllegalArgumentException invalid(String key, String value, String rule) {
    return new IllegalArgumentException(
        CliConfiguration.PID + ": " + key + "=\"" + value + "\" is invalid: " + rule);
  }
}
