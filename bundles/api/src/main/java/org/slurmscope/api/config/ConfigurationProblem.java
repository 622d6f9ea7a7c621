package org.slurmscope.api.config;

import java.time.Instant;
import java.util.Objects;

/**
 * A configuration that was rejected and is not in force.
 *
 * @param pid the configuration PID
 * @param message what is wrong, naming the key, the value and the rule
 * @param file the file the values came from, or empty when they did not come from a file
 * @param since when the values were rejected
 * @param active true when the component still runs on its last good values, false when it has none
 *     and is inactive
 */
public record ConfigurationProblem(
    String pid, String message, String file, Instant since, boolean active) {

  public ConfigurationProblem {
    Objects.requireNonNull(pid, "pid");
    Objects.requireNonNull(message, "message");
    Objects.requireNonNull(since, "since");
    file = file == null ? "" : file;
  }
}
