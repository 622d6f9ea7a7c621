package org.slurmscope.overlay.nodes.internal;

import java.util.Map;
import org.slurmscope.api.config.ConfigurationValues;
import org.slurmscope.api.config.InvalidConfigurationException;
import org.slurmscope.api.console.Tone;

/**
 * Validated values of {@link NodeOverlayConfiguration}, which pick the tone of a use percentage.
 *
 * @param warningPercent use from which a cell is {@link Tone#WARNING}
 * @param criticalPercent use from which a cell is {@link Tone#CRITICAL}
 */
record Thresholds(double warningPercent, double criticalPercent) {

  /**
   * Checks a configuration.
   *
   * @throws IllegalArgumentException naming the PID, the key, the value and the rule
   */
  static Thresholds validate(NodeOverlayConfiguration config) {
    double warning = percent("warningPercent", config.warningPercent());
    double critical = percent("criticalPercent", config.criticalPercent());
    if (warning > critical) {
      throw invalid("warningPercent", warning, "it must not be above criticalPercent=" + critical);
    }
    return new Thresholds(warning, critical);
  }

  /**
   * Reads and checks the raw values of the PID, as the configuration bundle's validator does.
   *
   * @throws org.slurmscope.api.config.InvalidConfigurationException naming the PID, the key, the
   *     value and the rule
   */
  static Thresholds from(Map<String, Object> properties) {
    ConfigurationValues values = ConfigurationValues.of(NodeOverlayConfiguration.PID, properties);
    double warning = values.decimal("warningPercent", 80, 0, 100);
    double critical = values.decimal("criticalPercent", 95, 0, 100);
    if (warning > critical) {
      throw new InvalidConfigurationException(
          NodeOverlayConfiguration.PID,
          "warningPercent",
          values.string("warningPercent", "80"),
          "it must not be above criticalPercent=" + critical);
    }
    return new Thresholds(warning, critical);
  }

  /** Returns GOOD below the warning threshold, WARNING from it, CRITICAL from the critical one. */
  Tone tone(double percent) {
    if (percent >= criticalPercent) {
      return Tone.CRITICAL;
    }
    if (percent >= warningPercent) {
      return Tone.WARNING;
    }
    return Tone.GOOD;
  }

  private static double percent(String key, double value) {
    // The negated range check also rejects NaN.
    if (!(value >= 0 && value <= 100)) {
      throw invalid(key, value, "it must be a percentage between 0 and 100");
    }
    return value;
  }

  private static IllegalArgumentException invalid(String key, double value, String rule) {
    return new IllegalArgumentException(
        NodeOverlayConfiguration.PID + ": " + key + "=" + value + " is invalid: " + rule);
  }
}
