package org.slurmscope.prometheus.internal;

import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.slurmscope.api.prometheus.QueryResult;

/**
 * One instant query through the whole client (limits, breaker, OkHttp, decoding) against the
 * Prometheus at PROMETHEUS_URL, one caller at a time; src/benchmark/run.sh times curl on the same
 * query for comparison.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class QueryBenchmark {

  @Param({"100 * (1 - avg by (instance) (rate(node_cpu_seconds_total{mode=\"idle\"}[1m])))"})
  public String promql;

  private OkHttpPrometheusClient client;

  @Setup
  public void connect() {
    String url = System.getenv().getOrDefault("PROMETHEUS_URL", "http://127.0.0.1:9090");
    Map<String, Object> values =
        Map.of("url", url, "maxRequestsPerSecond", 1000.0, "retryMaxAttempts", 1);
    ClientSettings settings =
        ClientSettings.validate(
            TestConfigs.create(PrometheusConfiguration.class, values), System::getenv);
    client = new OkHttpPrometheusClient(settings, new TestLogger().logger());
  }

  @TearDown
  public void close() {
    client.close();
  }

  @Benchmark
  public QueryResult query() throws Exception {
    return client.query(promql, null);
  }
}
