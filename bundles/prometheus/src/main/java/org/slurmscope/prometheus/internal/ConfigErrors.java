package org.slurmscope.prometheus.internal;

/** Builds the messages of rejected configuration values: the PID, the key, the value, the rule. */
final class ConfigErrors {

  private ConfigErrors() {}

  /**
   * Returns the exception for an invalid value.
   *
   * @param value the value as it should be quoted; callers pass a placeholder for secrets
   */
  static IllegalArgumentException invalid(String key, String value, String rule) {
    return new IllegalArgumentException(
        PrometheusConfiguration.PID + ": " + key + "=" + value + " is invalid: " + rule);
  }

  /** Returns a text value in double quotes, the way messages quote strings. */
  static String quote(String value) {
    return "\"" + value + "\"";
  }
}
