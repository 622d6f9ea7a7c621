package org.slurmscope.cache.internal;

import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.slurmscope.api.config.ConfigurationValues;
import org.slurmscope.api.config.InvalidConfigurationException;

/**
 * Validated values of {@link CacheConfiguration}.
 *
 * @param ttl the time to live of metrics without their own
 * @param metricTtl the time to live per metric name
 * @param refreshAheadPercent the share of the time to live after which a read result is loaded
 *     again in the background; 0 for never
 * @param maxBytes the memory bound
 * @param historySteps the number of history points kept per key
 * @param historyStep the time per history point
 */
record CacheSettings(
    Duration ttl,
    Map<String, Duration> metricTtl,
    int refreshAheadPercent,
    long maxBytes,
    int historySteps,
    Duration historyStep) {

  private static final String PID = CacheConfiguration.PID;
  private static final Pattern METRIC = Pattern.compile("[a-z0-9_]+(\\.[a-z0-9_]+)*");

  CacheSettings {
    metricTtl = Map.copyOf(metricTtl);
  }

  /**
   * Reads and checks the raw values of the PID.
   *
   * @throws InvalidConfigurationException naming the PID, the key, the value and the rule
   */
  static CacheSettings from(Map<String, Object> properties) {
    ConfigurationValues values = ConfigurationValues.of(PID, properties);
    Duration ttl = Duration.ofSeconds(values.integer("ttlSeconds", 15, 1, 3600));
    Map<String, Duration> metricTtl = metricTtl(values.string("metricTtlSeconds", ""));
    int refreshAhead = (int) values.integer("refreshAheadPercent", 80, 0, 95);
    long maxBytes = values.integer("maxBytes", 67_108_864L, 1_048_576L, 17_179_869_184L);
    int historyMinutes = (int) values.integer("historyMinutes", 60, 0, 1440);
    int stepSeconds = (int) values.integer("historyStepSeconds", 60, 1, 3600);
    int steps = (int) Math.ceil(historyMinutes * 60.0 / stepSeconds);
    return new CacheSettings(
        ttl, metricTtl, refreshAhead, maxBytes, steps, Duration.ofSeconds(stepSeconds));
  }

  /** Returns the time to live of a metric. */
  Duration ttlOf(String metric) {
    return metricTtl.getOrDefault(metric, ttl);
  }

  private static Map<String, Duration> metricTtl(String text) {
    Map<String, Duration> ttl = new TreeMap<>();
    if (text.isEmpty()) {
      return ttl;
    }
    for (String pair : text.split(",")) {
      String[] parts = pair.split("=", 2);
      String metric = parts[0].strip();
      long seconds = parts.length == 2 ? parseSeconds(parts[1].strip()) : -1;
      if (!METRIC.matcher(metric).matches() || seconds < 1 || seconds > 86_400) {
        throw new InvalidConfigurationException(
            PID,
            "metricTtlSeconds",
            text,
            "it must be metric=seconds pairs separated by commas, each 1 to 86400 seconds, such"
                + " as job.memory.peak.bytes=60; \""
                + pair.strip()
                + "\" is not one");
      }
      ttl.put(metric, Duration.ofSeconds(seconds));
    }
    return ttl;
  }

  private static long parseSeconds(String text) {
    try {
      return Long.parseLong(text);
    } catch (NumberFormatException e) {
      return -1;
    }
  }
}
