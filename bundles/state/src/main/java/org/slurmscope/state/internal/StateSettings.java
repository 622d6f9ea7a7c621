package org.slurmscope.state.internal;

import java.time.Duration;

/** Validated values of {@link StateConfiguration}. */
record StateSettings(PollSchedule slurmSchedule, PollSchedule metricSchedule) {

  static final int MIN_SECONDS = 1;
  static final int MAX_SECONDS = 3600;

  /**
   * Checks a configuration.
   *
   * @throws IllegalArgumentException naming the PID, the key, the value and the rule
   */
  static StateSettings validate(StateConfiguration config) {
    return new StateSettings(
        new PollSchedule(seconds("slurmRefreshSeconds", config.slurmRefreshSeconds())),
        new PollSchedule(seconds("metricRefreshSeconds", config.metricRefreshSeconds())));
  }

  private static Duration seconds(String key, int value) {
    if (value < MIN_SECONDS || value > MAX_SECONDS) {
      throw new IllegalArgumentException(
          StateConfiguration.PID
              + ": "
              + key
              + "="
              + value
              + " is invalid: it must be between "
              + MIN_SECONDS
              + " and "
              + MAX_SECONDS
              + " seconds");
    }
    return Duration.ofSeconds(value);
  }
}
