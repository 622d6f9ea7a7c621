package org.slurmscope.api.config;

import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Typed reading of a PID's raw values, for validators: a {@code .cfg} file delivers every value as
 * a string, other sources deliver typed values. A value that cannot be read raises an {@link
 * InvalidConfigurationException} naming the PID, the key, the value and the rule.
 */
public final class ConfigurationValues {

  private final String pid;
  private final Map<String, Object> properties;

  private ConfigurationValues(String pid, Map<String, Object> properties) {
    this.pid = Objects.requireNonNull(pid, "pid");
    this.properties = Objects.requireNonNull(properties, "properties");
  }

  /** Wraps the raw values of a PID. */
  public static ConfigurationValues of(String pid, Map<String, Object> properties) {
    return new ConfigurationValues(pid, properties);
  }

  /** Returns the PID, for messages. */
  public String pid() {
    return pid;
  }

  /** Returns the value as text, stripped, or the default when the key is missing. */
  public String string(String key, String fallback) {
    Object value = properties.get(key);
    return value == null ? fallback : value.toString().strip();
  }

  /**
   * Returns a whole number between the bounds, or the default when the key is missing.
   *
   * @throws InvalidConfigurationException when the value is not a whole number or out of bounds
   */
  public long integer(String key, long fallback, long min, long max) {
    Object value = properties.get(key);
    if (value == null) {
      return fallback;
    }
    long number;
    if (value instanceof Number given && !(value instanceof Double || value instanceof Float)) {
      number = given.longValue();
    } else {
      try {
        number = Long.parseLong(value.toString().strip());
      } catch (NumberFormatException e) {
        throw new InvalidConfigurationException(
            pid, key, value.toString(), "it must be a whole number between " + min + " and " + max);
      }
    }
    if (number < min || number > max) {
      throw new InvalidConfigurationException(
          pid, key, value.toString(), "it must be between " + min + " and " + max);
    }
    return number;
  }

  /**
   * Returns a number between the bounds, or the default when the key is missing.
   *
   * @throws InvalidConfigurationException when the value is not a number or out of bounds
   */
  public double decimal(String key, double fallback, double min, double max) {
    Object value = properties.get(key);
    if (value == null) {
      return fallback;
    }
    double number;
    try {
      number =
          value instanceof Number given
              ? given.doubleValue()
              : Double.parseDouble(value.toString());
    } catch (NumberFormatException e) {
      number = Double.NaN;
    }
    if (Double.isNaN(number) || number < min || number > max) {
      throw new InvalidConfigurationException(
          pid, key, value.toString(), "it must be a number between " + min + " and " + max);
    }
    return number;
  }

  /**
   * Returns {@code true} or {@code false}, or the default when the key is missing.
   *
   * @throws InvalidConfigurationException when the value is neither
   */
  public boolean bool(String key, boolean fallback) {
    Object value = properties.get(key);
    if (value == null) {
      return fallback;
    }
    if (value instanceof Boolean given) {
      return given;
    }
    String text = value.toString().strip().toLowerCase(Locale.ROOT);
    if (text.equals("true") || text.equals("false")) {
      return Boolean.parseBoolean(text);
    }
    throw new InvalidConfigurationException(pid, key, value.toString(), "it must be true or false");
  }
}
