package org.slurmscope.query.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slurmscope.api.prometheus.PrometheusClient;
import org.slurmscope.api.prometheus.PrometheusException;
import org.slurmscope.api.prometheus.QueryResult;
import org.slurmscope.api.prometheus.Sample;

/** A {@link PrometheusClient} that returns prepared results by PromQL and records each query. */
final class FakePrometheusClient implements PrometheusClient {

  private final Map<String, QueryResult> results = new HashMap<>();
  private final Map<String, PrometheusException> failures = new HashMap<>();
  private final List<String> queries = new ArrayList<>();
  private QueryResult fallback = vector(List.of());
  private PrometheusException fallbackFailure;

  /** Returns a vector with one sample per {@code instance} value, in the given order. */
  static QueryResult vector(List<String> instances, double value) {
    List<Sample> samples = new ArrayList<>();
    for (String instance : instances) {
      samples.add(new Sample(Map.of("instance", instance), 1796413438.075, value));
    }
    return vector(samples);
  }

  static QueryResult vector(List<Sample> samples) {
    return new QueryResult("vector", samples, List.of());
  }

  FakePrometheusClient answer(String promql, QueryResult result) {
    results.put(promql, result);
    return this;
  }

  FakePrometheusClient fail(String promql, PrometheusException failure) {
    failures.put(promql, failure);
    return this;
  }

  /** Sets the result of every query that has no result of its own. */
  FakePrometheusClient answerAll(QueryResult result) {
    fallback = result;
    return this;
  }

  /** Fails every query that has no result or failure of its own. */
  FakePrometheusClient failAll(PrometheusException failure) {
    fallbackFailure = failure;
    return this;
  }

  /** Returns the PromQL of every query received, in order. */
  List<String> queries() {
    return List.copyOf(queries);
  }

  @Override
  public QueryResult query(String promql, Instant time) throws PrometheusException {
    queries.add(promql);
    PrometheusException failure = failures.get(promql);
    if (failure != null) {
      throw failure;
    }
    QueryResult result = results.get(promql);
    if (result != null) {
      return result;
    }
    if (fallbackFailure != null) {
      throw fallbackFailure;
    }
    return fallback;
  }

  @Override
  public String baseUrl() {
    return "http://prometheus.test:9090";
  }
}
