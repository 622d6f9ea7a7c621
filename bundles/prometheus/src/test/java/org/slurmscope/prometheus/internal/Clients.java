package org.slurmscope.prometheus.internal;

import java.util.HashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/** Builds settings and clients the way the component does, from configuration values. */
final class Clients {

  /** Retries without noticeable pauses, so that tests of retries stay fast. */
  static final Map<String, Object> FAST_RETRIES =
      Map.of("retryInitialBackoffMillis", 1, "retryMaxBackoffMillis", 2);

  private Clients() {}

  static ClientSettings settings(String url, Map<String, Object> values) {
    return settings(url, values, Map.of());
  }

  /** Validates the values over the defaults, with the given environment variables. */
  static ClientSettings settings(
      String url, Map<String, Object> values, Map<String, String> environment) {
    Map<String, Object> all = new HashMap<>(values);
    all.put("url", url);
    return ClientSettings.validate(
        TestConfigs.create(PrometheusConfiguration.class, all), environment::get);
  }

  /** Returns a client with its own base HTTP client and the system clock. */
  static OkHttpPrometheusClient client(ClientSettings settings, TestLogger log) {
    return new OkHttpPrometheusClient(settings, log.logger());
  }

  /** Returns a client whose breaker and rate limiter read the given clock; jitter is fixed. */
  static OkHttpPrometheusClient client(
      ClientSettings settings, TestLogger log, LongSupplier nanoTime) {
    return new OkHttpPrometheusClient(
        settings, log.logger(), OkHttpPrometheusClient.newBaseClient(), true, nanoTime, () -> 0.5);
  }
}
