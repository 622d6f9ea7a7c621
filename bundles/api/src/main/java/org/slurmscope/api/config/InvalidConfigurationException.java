package org.slurmscope.api.config;

import java.util.Objects;

/**
 * A configuration value breaks a rule. The message names the PID, the key, the value and the rule,
 * for example {@code org.slurmscope.state: slurmRefreshSeconds=0 is invalid: it must be between 1
 * and 3600 seconds}.
 */
public class InvalidConfigurationException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  private final String pid;
  private final String key;
  private final String value;
  private final String rule;

  /**
   * Creates the exception.
   *
   * @param pid the configuration PID
   * @param key the key whose value is invalid
   * @param value the value found, as text; null when the key is missing
   * @param rule what the value must be, as a sentence fragment ("it must be between 1 and 3600")
   */
  public InvalidConfigurationException(String pid, String key, String value, String rule) {
    super(pid + ": " + key + "=" + (value == null ? "(missing)" : value) + " is invalid: " + rule);
    this.pid = Objects.requireNonNull(pid, "pid");
    this.key = Objects.requireNonNull(key, "key");
    this.value = value;
    this.rule = Objects.requireNonNull(rule, "rule");
  }

  public String pid() {
    return pid;
  }

  public String key() {
    return key;
  }

  /** Returns the value found, or null when the key was missing. */
  public String value() {
    return value;
  }

  public String rule() {
    return rule;
  }
}
