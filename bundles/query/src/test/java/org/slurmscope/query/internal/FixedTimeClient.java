package org.slurmscope.query.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.slurmscope.api.prometheus.PrometheusClient;
import org.slurmscope.api.prometheus.PrometheusException;
import org.slurmscope.api.prometheus.QueryResult;

/**
 * Evaluates every query at one fixed time, for data that lies in the past (a backfilled TSDB), and
 * records each query and its wall time.
 */
final class FixedTimeClient implements PrometheusClient {

  private final PrometheusClient delegate;
  private final Instant time;
  private final List<String> queries = Collections.synchronizedList(new ArrayList<>());
  private final List<Long> nanos = Collections.synchronizedList(new ArrayList<>());

  FixedTimeClient(PrometheusClient delegate, Instant time) {
    this.delegate = delegate;
    this.time = time;
  }

  @Override
  public QueryResult query(String promql, Instant ignored)
      throws PrometheusException, InterruptedException {
    long start = System.nanoTime();
    try {
      return delegate.query(promql, time);
    } finally {
      nanos.add(System.nanoTime() - start);
      queries.add(promql);
    }
  }

  @Override
  public String baseUrl() {
    return delegate.baseUrl();
  }

  List<String> queries() {
    return List.copyOf(queries);
  }

  /** Returns the wall time of each query in nanoseconds, in order. */
  List<Long> nanos() {
    return List.copyOf(nanos);
  }

  void clear() {
    queries.clear();
    nanos.clear();
  }
}
