package org.slurmscope.api.prometheus;

import java.time.Instant;
import org.osgi.annotation.versioning.ProviderType;

/**
 * A client of one Prometheus-compatible server (Prometheus, Thanos, Mimir, VictoriaMetrics) through
 * its HTTP API ({@code /api/v1/...}). Thread-safe; one instance serves all callers.
 */
@ProviderType
public interface PrometheusClient {

  /**
   * Evaluates an instant query ({@code /api/v1/query}).
   *
   * @param promql the PromQL expression
   * @param time the evaluation time, or null for the server's current time
   * @throws PrometheusException when the server could not be reached or returned an error; the
   *     message names the endpoint, the error type and the server's own text
   * @throws InterruptedException when the calling thread is interrupted while waiting
   */
  QueryResult query(String promql, Instant time) throws PrometheusException, InterruptedException;

  /** Returns the base URL this client talks to, for messages; never contains credentials. */
  String baseUrl();
}
