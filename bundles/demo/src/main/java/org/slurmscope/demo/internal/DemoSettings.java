package org.slurmscope.demo.internal;

import java.util.Map;

/**
 * The validated configuration of the demo cluster (PID {@value #PID}).
 *
 * <p>Values are read from the raw properties rather than through {@link DemoConfiguration}: Felix
 * SCR reports a value it cannot convert ({@code nodes=abc}) with its own message that names neither
 * the key nor the PID, while {@link #parse} names both.
 *
 * @param nodes the number of nodes
 * @param jobs about how many jobs a snapshot lists
 * @param seed the seed of the simulation
 * @param clusterName the cluster name snapshots report
 * @param latencyMillis the delay added to every fetch, in milliseconds
 */
record DemoSettings(int nodes, int jobs, long seed, String clusterName, long latencyMillis) {

  static final String PID = "org.slurmscope.demo";

  static final String NODES = "nodes";
  static final String JOBS = "jobs";
  static final String SEED = "seed";
  static final String CLUSTER_NAME = "clusterName";
  static final String LATENCY_MILLIS = "latencyMillis";

  static final int DEFAULT_NODES = 64;
  static final int MAX_NODES = 100_000;
  static final int DEFAULT_JOBS = 300;
  static final int MAX_JOBS = 1_000_000;
  static final long DEFAULT_SEED = 42;
  static final String DEFAULT_CLUSTER_NAME = "demo";
  static final long DEFAULT_LATENCY_MILLIS = 0;

  /** Longer than any sensible poll interval; a larger value is more likely a typo. */
  static final long MAX_LATENCY_MILLIS = 60_000;

  /** Returns the settings with every key at its default. */
  static DemoSettings defaults() {
    return parse(Map.of());
  }

  /**
   * Reads and checks the configuration properties; a missing key takes its default. Numbers may be
   * given as text (a {@code .cfg} file) or as integral numbers (a typed {@code .config} file).
   *
   * @throws IllegalArgumentException naming the PID, the key, the value found and the rule, when a
   *     value is invalid
   */
  static DemoSettings parse(Map<String, ?> properties) {
    int nodes = (int) wholeNumber(properties, NODES, DEFAULT_NODES, 1, MAX_NODES);
    int jobs = (int) wholeNumber(properties, JOBS, DEFAULT_JOBS, 0, MAX_JOBS);
    long seed = wholeNumber(properties, SEED, DEFAULT_SEED, Long.MIN_VALUE, Long.MAX_VALUE);
    String clusterName = clusterName(properties);
    long latency =
        wholeNumber(properties, LATENCY_MILLIS, DEFAULT_LATENCY_MILLIS, 0, MAX_LATENCY_MILLIS);
    return new DemoSettings(nodes, jobs, seed, clusterName, latency);
  }

  /** Returns true when a cluster built from these settings equals one built from the other. */
  boolean describesSameCluster(DemoSettings other) {
    return nodes == other.nodes
        && jobs == other.jobs
        && seed == other.seed
        && clusterName.equals(other.clusterName);
  }

  private static long wholeNumber(
      Map<String, ?> properties, String key, long defaultValue, long min, long max) {
    Object value = properties.get(key);
    if (value == null) {
      return defaultValue;
    }
    String rule = rangeRule(min, max);
    long number;
    if (value instanceof Long || value instanceof Integer || value instanceof Short) {
      number = ((Number) value).longValue();
    } else if (value instanceof String text) {
      try {
        number = Long.parseLong(text.strip());
      } catch (NumberFormatException e) {
        throw invalid(key, value, "is not a whole number", rule);
      }
    } else {
      throw invalid(key, value, "is a " + value.getClass().getSimpleName(), rule);
    }
    if (number < min || number > max) {
      throw invalid(key, value, "is out of range", rule);
    }
    return number;
  }

  private static String rangeRule(long min, long max) {
    if (min == Long.MIN_VALUE && max == Long.MAX_VALUE) {
      return "a whole number";
    }
    return "a whole number from " + min + " to " + max;
  }

  private static String clusterName(Map<String, ?> properties) {
    Object value = properties.get(CLUSTER_NAME);
    if (value == null) {
      return DEFAULT_CLUSTER_NAME;
    }
    String rule = "a name without spaces, such as " + DEFAULT_CLUSTER_NAME;
    if (!(value instanceof String name)) {
      throw invalid(CLUSTER_NAME, value, "is a " + value.getClass().getSimpleName(), rule);
    }
    String stripped = name.strip();
    if (stripped.isEmpty()) {
      throw invalid(CLUSTER_NAME, value, "is blank", rule);
    }
    if (stripped.chars().anyMatch(Character::isWhitespace)) {
      throw invalid(CLUSTER_NAME, value, "contains whitespace", rule);
    }
    return stripped;
  }

  private static IllegalArgumentException invalid(
      String key, Object value, String problem, String rule) {
    return new IllegalArgumentException(
        "Invalid configuration "
            + PID
            + ": "
            + key
            + " = '"
            + value
            + "' "
            + problem
            + ". Set "
            + key
            + " to "
            + rule
            + ".");
  }
}
