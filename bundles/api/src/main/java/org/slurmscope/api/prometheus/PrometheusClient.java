package org.slurmscope.api.prometheus;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.osgi.annotation.versioning.ProviderType;

/**
 * A client of one Prometheus-compatible server (Prometheus, Thanos, Mimir, VictoriaMetrics) through
 * its HTTP API ({@code /api/v1/...}). Thread-safe; one instance serves all callers.
 *
 * <p>Every method blocks the calling thread until the answer is read or the request failed, and
 * throws {@link InterruptedException} (cancelling the request) when that thread is interrupted. The
 * methods added in 1.1.0 have default implementations that throw {@link
 * UnsupportedOperationException}, so that test doubles written against 1.0 still compile.
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

  /**
   * Evaluates an instant query ({@code /api/v1/query}) with a server-side timeout or series limit.
   *
   * @param promql the PromQL expression
   * @param time the evaluation time, or null for the server's current time
   * @param options the timeout and limit passed to the server
   * @throws PrometheusException as {@link #query(String, Instant)}
   * @throws InterruptedException when the calling thread is interrupted while waiting
   * @since 1.1.0
   */
  default QueryResult query(String promql, Instant time, QueryOptions options)
      throws PrometheusException, InterruptedException {
    throw new UnsupportedOperationException("query with options is not implemented");
  }

  /**
   * Evaluates a range query ({@code /api/v1/query_range}); the result is a matrix.
   *
   * @param promql the PromQL expression
   * @param start the first evaluation time
   * @param end the last evaluation time, not before {@code start}
   * @param step the time between evaluations, positive
   * @param options the timeout and limit passed to the server
   * @throws PrometheusException as {@link #query(String, Instant)}
   * @throws InterruptedException when the calling thread is interrupted while waiting
   * @throws IllegalArgumentException when {@code end} is before {@code start} or {@code step} is
   *     not positive
   * @since 1.1.0
   */
  default QueryResult queryRange(
      String promql, Instant start, Instant end, Duration step, QueryOptions options)
      throws PrometheusException, InterruptedException {
    throw new UnsupportedOperationException("queryRange is not implemented");
  }

  /**
   * Lists the series that match any of the selectors ({@code /api/v1/series}).
   *
   * @param matchers series selectors such as {@code up{job="node"}}; at least one
   * @param start the start of the time range, or null for the server's default
   * @param end the end of the time range, or null for the server's default
   * @param limit the maximum number of series returned, or 0 for no limit
   * @throws PrometheusException as {@link #query(String, Instant)}
   * @throws InterruptedException when the calling thread is interrupted while waiting
   * @since 1.1.0
   */
  default SeriesResult series(List<String> matchers, Instant start, Instant end, int limit)
      throws PrometheusException, InterruptedException {
    throw new UnsupportedOperationException("series is not implemented");
  }

  /**
   * Lists the values of one label ({@code /api/v1/label/<name>/values}).
   *
   * @param label the label name, such as {@code instance}
   * @param matchers series selectors that restrict the series read; empty for all series
   * @param start the start of the time range, or null for the server's default
   * @param end the end of the time range, or null for the server's default
   * @param limit the maximum number of values returned, or 0 for no limit
   * @throws PrometheusException as {@link #query(String, Instant)}
   * @throws InterruptedException when the calling thread is interrupted while waiting
   * @since 1.1.0
   */
  default LabelValuesResult labelValues(
      String label, List<String> matchers, Instant start, Instant end, int limit)
      throws PrometheusException, InterruptedException {
    throw new UnsupportedOperationException("labelValues is not implemented");
  }

  /**
   * Lists the active (pending and firing) alerts of the server's alerting rules ({@code
   * /api/v1/alerts}).
   *
   * @throws PrometheusException as {@link #query(String, Instant)}
   * @throws InterruptedException when the calling thread is interrupted while waiting
   * @since 1.1.0
   */
  default List<Alert> alerts() throws PrometheusException, InterruptedException {
    throw new UnsupportedOperationException("alerts is not implemented");
  }

  /**
   * Reads the server's build information ({@code /api/v1/status/buildinfo}), a small answer that
   * costs the server nothing.
   *
   * @throws PrometheusException as {@link #query(String, Instant)}
   * @throws InterruptedException when the calling thread is interrupted while waiting
   * @since 1.1.0
   */
  default BuildInfo buildInfo() throws PrometheusException, InterruptedException {
    throw new UnsupportedOperationException("buildInfo is not implemented");
  }

  /**
   * Asks whether the server is ready to answer queries ({@code /-/ready}), the cheapest health
   * check the server has.
   *
   * @return true when the server answered 200, false when it answered 503 (starting up or shutting
   *     down)
   * @throws PrometheusException when the server could not be reached or answered another status
   * @throws InterruptedException when the calling thread is interrupted while waiting
   * @since 1.1.0
   */
  default boolean ready() throws PrometheusException, InterruptedException {
    throw new UnsupportedOperationException("ready is not implemented");
  }

  /** Returns the base URL this client talks to, for messages; never contains credentials. */
  String baseUrl();
}
