package org.slurmscope.prometheus.internal;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Random;
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
import org.openjdk.jmh.annotations.Warmup;
import org.slurmscope.api.prometheus.PrometheusException;
import org.slurmscope.api.prometheus.QueryResult;

/**
 * Decodes an instant vector of one series per node, as an aggregated node query of a large cluster
 * returns it: labels {@code instance} and {@code job}, a fractional timestamp and a value string.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class DecodeBenchmark {

  @Param({"10000"})
  public int series;

  private byte[] body;

  @Setup
  public void makeBody() {
    Random random = new Random(42);
    StringBuilder json =
        new StringBuilder("{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":[");
    for (int i = 0; i < series; i++) {
      if (i > 0) {
        json.append(',');
      }
      json.append(
          String.format(
              Locale.ROOT,
              "{\"metric\":{\"instance\":\"cn%05d.cluster.example.org:9100\",\"job\":\"node\"},"
                  + "\"value\":[1796413438.075,\"%s\"]}",
              i,
              Double.toString(random.nextDouble() * 100)));
    }
    body = json.append("]}}").toString().getBytes(StandardCharsets.UTF_8);
    System.out.println("body: " + body.length + " bytes, " + series + " series");
  }

  @Benchmark
  public QueryResult decodeVector() throws PrometheusException {
    return ApiResponseDecoder.decode("http://localhost:9090/api/v1/query", 200, body);
  }
}
