package org.slurmscope.state.internal;

import java.time.Duration;
import java.util.Map;
import org.slurmscope.api.config.ConfigurationValues;

/** Validated values of {@link StateConfiguration}. */
record StateSettings(PollSchedule slurmSchedule, PollSchedule metricSchedule) {

  static final int MIN_SECONDS = 1;
  static final int MAX_SECONDS = 3600;

  /**
   * Reads and checks the raw values of the PID.
   *
   * @throws org.slurmscope.api.config.InvalidConfigurationException naming the PID, the key, the
   *     value and the rule
   */
  static StateSettings from(Map<String, Object> properties) {
    ConfigurationValues values = ConfigurationValues.of(StateConfiguration.PID, properties);
    return new StateSettings(
        new PollSchedule(seconds(values, "slurmRefreshSeconds", 30)),
        new PollSchedule(seconds(values, "metricRefreshSeconds", 15)));
  }

  private static Duration seconds(ConfigurationValues values, String key, int fallback) {
    return Duration.ofSeconds(values.integer(key, fallback, MIN_SECONDS, MAX_SECONDS));
  }
}
