package org.slurmscope.prometheus.internal;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.DoubleSupplier;
import java.util.function.LongSupplier;
import java.util.function.ToIntFunction;
import java.util.regex.Pattern;
import okhttp3.Dispatcher;
import okhttp3.OkHttpClient;
import org.osgi.service.log.Logger;
import org.slurmscope.api.prometheus.Alert;
import org.slurmscope.api.prometheus.BuildInfo;
import org.slurmscope.api.prometheus.LabelValuesResult;
import org.slurmscope.api.prometheus.PrometheusClient;
import org.slurmscope.api.prometheus.PrometheusException;
import org.slurmscope.api.prometheus.QueryOptions;
import org.slurmscope.api.prometheus.QueryResult;
import org.slurmscope.api.prometheus.SeriesResult;
import org.slurmscope.prometheus.internal.HttpTransport.RawResponse;
import org.slurmscope.prometheus.internal.HttpTransport.Spec;
import org.slurmscope.prometheus.internal.HttpTransport.Trace;

/**
 * A {@link PrometheusClient} for one configuration.
 *
 * <p>Requests go through one base {@link OkHttpClient}, whose connection pool and dispatcher
 * threads are shared by every configuration of the component; this client derives its variant
 * (timeouts, TLS) with {@link OkHttpClient#newBuilder()}. The public constructor makes a base of
 * its own, which {@link #close()} releases.
 *
 * <p>Queries, range queries and series lookups are sent as form-encoded POST requests, which have
 * no URL length limit for long PromQL (the Prometheus API accepts both methods for them). A server
 * or proxy that rejects the POST with 405 gets the same request as a GET, and later requests to
 * that endpoint go as GET at once. Label values, alerts, build information and readiness are GET
 * only in the API.
 */
public final class OkHttpPrometheusClient implements PrometheusClient, AutoCloseable {

  /** A label name as Prometheus 2 defines it; Prometheus 3 also allows escaped UTF-8 names. */
  private static final Pattern LABEL_NAME = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");

  private final ClientSettings settings;
  private final OkHttpClient ownedBase;
  private final HttpTransport transport;
  private final AuditLog audit;

  /**
   * Builds a client with its own base HTTP client, for use outside the component; {@link #close()}
   * releases its threads and connections.
   */
  public OkHttpPrometheusClient(ClientSettings settings, Logger logger) {
    this(settings, logger, newBaseClient(), true, System::nanoTime, randomSource());
  }

  /** Builds a client on a shared base HTTP client, which {@link #close()} leaves running. */
  OkHttpPrometheusClient(ClientSettings settings, Logger logger, OkHttpClient base) {
    this(settings, logger, base, false, System::nanoTime, randomSource());
  }

  /**
   * Builds a client.
   *
   * @param owned whether {@link #close()} shuts the base client down
   * @param nanoTime the clock of the circuit breaker and the rate limiter
   * @param random the source of retry jitter, numbers in [0, 1)
   * @throws IllegalArgumentException when the audit log file cannot be opened
   */
  OkHttpPrometheusClient(
      ClientSettings settings,
      Logger logger,
      OkHttpClient base,
      boolean owned,
      LongSupplier nanoTime,
      DoubleSupplier random) {
    this.settings = settings;
    this.ownedBase = owned ? base : null;
    this.audit = AuditLog.open(settings.audit(), logger);
    OkHttpClient.Builder http =
        base.newBuilder()
            .connectTimeout(settings.connectTimeout())
            .readTimeout(settings.readTimeout())
            // A request body is one form; its write is bounded like a read.
            .writeTimeout(settings.readTimeout())
            .callTimeout(settings.callTimeout())
            // A redirect would send the query (and a POST turned GET would lose it) elsewhere:
            // a 3xx response fails with the address to configure instead.
            .followRedirects(false)
            .followSslRedirects(false);
    settings.tls().applyTo(http);
    this.transport = new HttpTransport(settings, http.build(), logger, nanoTime, random);
    warnAboutUnsafeSettings(logger);
  }

  /**
   * Creates a base HTTP client: a dispatcher on daemon threads, and a connection pool. The
   * dispatcher's own limits are raised to the largest {@code maxConcurrentRequests}, so that the
   * transport's limit is the one that applies.
   */
  static OkHttpClient newBaseClient() {
    Dispatcher dispatcher = new Dispatcher(newExecutor());
    dispatcher.setMaxRequests(64);
    dispatcher.setMaxRequestsPerHost(64);
    return new OkHttpClient.Builder().dispatcher(dispatcher).build();
  }

  /** Stops a base client's dispatcher threads and closes its idle connections. */
  static void shutDown(OkHttpClient base) {
    base.dispatcher().executorService().shutdown();
    base.connectionPool().evictAll();
  }

  @Override
  public QueryResult query(String promql, Instant time)
      throws PrometheusException, InterruptedException {
    return query(promql, time, QueryOptions.NONE);
  }

  @Override
  public QueryResult query(String promql, Instant time, QueryOptions options)
      throws PrometheusException, InterruptedException {
    Objects.requireNonNull(promql, "promql");
    Parameters parameters = new Parameters().add("query", promql);
    if (time != null) {
      parameters.add("time", SampleValues.unixSeconds(time));
    }
    parameters.options(options);
    return call(
        Spec.post("api/v1/query", parameters.list),
        promql,
        ApiResponseDecoder::decode,
        OkHttpPrometheusClient::seriesCount);
  }

  @Override
  public QueryResult queryRange(
      String promql, Instant start, Instant end, Duration step, QueryOptions options)
      throws PrometheusException, InterruptedException {
    Objects.requireNonNull(promql, "promql");
    if (end.isBefore(start)) {
      throw new IllegalArgumentException(
          "range query end " + end + " is before its start " + start);
    }
    if (step.isNegative() || step.isZero()) {
      throw new IllegalArgumentException("range query step must be positive, got " + step);
    }
    Parameters parameters =
        new Parameters()
            .add("query", promql)
            .add("start", SampleValues.unixSeconds(start))
            .add("end", SampleValues.unixSeconds(end))
            .add("step", SampleValues.seconds(step));
    parameters.options(options);
    return call(
        Spec.post("api/v1/query_range", parameters.list),
        promql,
        ApiResponseDecoder::decode,
        OkHttpPrometheusClient::seriesCount);
  }

  @Override
  public SeriesResult series(List<String> matchers, Instant start, Instant end, int limit)
      throws PrometheusException, InterruptedException {
    if (matchers.isEmpty()) {
      throw new IllegalArgumentException("series needs at least one selector, such as up");
    }
    Parameters parameters = new Parameters();
    matchers.forEach(matcher -> parameters.add("match[]", matcher));
    parameters.range(start, end).limit(limit);
    return call(
        Spec.post("api/v1/series", parameters.list),
        String.join(" ", matchers),
        ApiResponseDecoder::decodeSeries,
        result -> result.series().size());
  }

  @Override
  public LabelValuesResult labelValues(
      String label, List<String> matchers, Instant start, Instant end, int limit)
      throws PrometheusException, InterruptedException {
    if (!LABEL_NAME.matcher(label).matches()) {
      throw new IllegalArgumentException(
          "\"" + label + "\" is not a label name ([a-zA-Z_][a-zA-Z0-9_]*)");
    }
    Parameters parameters = new Parameters();
    matchers.forEach(matcher -> parameters.add("match[]", matcher));
    parameters.range(start, end).limit(limit);
    return call(
        Spec.get("api/v1/label/" + label + "/values", parameters.list),
        matchers.isEmpty() ? null : String.join(" ", matchers),
        ApiResponseDecoder::decodeLabelValues,
        result -> result.values().size());
  }

  @Override
  public List<Alert> alerts() throws PrometheusException, InterruptedException {
    return call(
        Spec.get("api/v1/alerts", List.of()), null, ApiResponseDecoder::decodeAlerts, List::size);
  }

  @Override
  public BuildInfo buildInfo() throws PrometheusException, InterruptedException {
    return call(
        Spec.get("api/v1/status/buildinfo", List.of()),
        null,
        ApiResponseDecoder::decodeBuildInfo,
        info -> -1);
  }

  @Override
  public boolean ready() throws PrometheusException, InterruptedException {
    // 503 is the response "not ready", so it is not retried.
    Spec spec = new Spec("-/ready", List.of(), false, false);
    return call(spec, null, OkHttpPrometheusClient::readiness, ready -> -1);
  }

  @Override
  public String baseUrl() {
    return settings.displayUrl();
  }

  /** Returns the settings this client was built with. */
  public ClientSettings settings() {
    return settings;
  }

  /**
   * Rejects new requests and closes the audit log; requests in flight finish. A client that made
   * its own base HTTP client also stops its threads and closes its idle connections.
   */
  @Override
  public void close() {
    transport.close();
    audit.close();
    if (ownedBase != null) {
      shutDown(ownedBase);
    }
  }

  /** Returns the circuit breaker, for tests. */
  CircuitBreaker breaker() {
    return transport.breaker();
  }

  /** Returns the number of calls in flight on the base client, for tests of cancellation. */
  int runningCalls() {
    return transport.runningCalls();
  }

  /** Returns the HTTP client this configuration derived, for tests of what it shares. */
  OkHttpClient http() {
    return transport.http();
  }

  /** Returns the number of open connections; for tests that check responses are closed. */
  int connectionCount() {
    return transport.http().connectionPool().connectionCount();
  }

  /** Returns the number of open connections that no request uses. */
  int idleConnectionCount() {
    return transport.http().connectionPool().idleConnectionCount();
  }

  // --- One call

  /** Sends a request, decodes its response and writes the audit line. */
  private <T> T call(Spec spec, String query, Decoder<T> decoder, ToIntFunction<T> count)
      throws PrometheusException, InterruptedException {
    Instant start = Instant.now();
    long startNanos = System.nanoTime();
    Trace trace = new Trace();
    String endpoint = settings.endpoint(spec.path()).toString();
    try {
      RawResponse raw = transport.execute(spec, settings.auth(), trace);
      T result;
      try {
        rejectRedirect(endpoint, raw);
        result = decoder.decode(endpoint, raw.status(), raw.body());
      } catch (PrometheusException e) {
        throw trace.attempts > 1 ? withAttempts(e, trace.attempts) : e;
      }
      audit(start, startNanos, spec, query, trace, "ok", count.applyAsInt(result));
      return result;
    } catch (PrometheusException e) {
      audit(start, startNanos, spec, query, trace, e.errorType(), -1);
      throw e;
    } catch (InterruptedException e) {
      audit(start, startNanos, spec, query, trace, "interrupted", -1);
      throw e;
    }
  }

  private void audit(
      Instant start,
      long startNanos,
      Spec spec,
      String query,
      Trace trace,
      String outcome,
      int series) {
    audit.record(
        start,
        spec.path(),
        query,
        TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos),
        trace.status < 0 ? "-" : Integer.toString(trace.status),
        outcome,
        series,
        trace.attempts);
  }

  private static void rejectRedirect(String endpoint, RawResponse raw) throws PrometheusException {
    if (raw.status() / 100 != 3) {
      return;
    }
    throw new PrometheusException(
        "http",
        "Prometheus at "
            + endpoint
            + " returned HTTP "
            + raw.status()
            + ", a redirect to "
            + (raw.location() == null ? "(no Location header)" : raw.location())
            + ": the client follows no redirects, so that no query or credential goes elsewhere:"
            + " set url in "
            + PrometheusConfiguration.PID
            + " to the address the server redirects to");
  }

  private static PrometheusException withAttempts(PrometheusException e, int attempts) {
    return new PrometheusException(
        e.errorType(), e.getMessage() + " (tried " + attempts + " times)", e.getCause());
  }

  private static Boolean readiness(String endpoint, int status, byte[] body)
      throws PrometheusException {
    if (status == 200) {
      return true;
    }
    if (status == 503) {
      return false;
    }
    throw new PrometheusException(
        "http",
        "Prometheus at "
            + endpoint
            + " returned HTTP "
            + status
            + " to a readiness check, where 200 or 503 was expected (servers other than"
            + " Prometheus and Thanos may lack /-/ready: check url in "
            + PrometheusConfiguration.PID
            + ")"
            + (body.length > 0 ? ": " + ApiResponseDecoder.preview(body) : ""));
  }

  private static int seriesCount(QueryResult result) {
    return switch (result.resultType()) {
      case "matrix" -> result.series().size();
      case "string" -> 1;
      default -> result.samples().size();
    };
  }

  private void warnAboutUnsafeSettings(Logger logger) {
    if (settings.tls().insecure()) {
      logger.warn(
          "tlsInsecureSkipVerify=true in {}: the certificate and host name of Prometheus at {} are"
              + " NOT checked, so anyone on the network path can read and change the traffic; set"
              + " tlsCaFile to the server's certificate authority instead",
          PrometheusConfiguration.PID,
          settings.displayUrl());
    }
    if (settings.auth().sendsCredentials()
        && !settings.baseUrl().isHttps()
        && !isLoopback(settings.baseUrl().host())) {
      logger.warn(
          "Credentials for Prometheus at {} are sent over plain http://, readable on the network:"
              + " use an https:// url",
          settings.displayUrl());
    }
  }

  /** Returns true for a host that names this machine; only literal addresses and localhost. */
  private static boolean isLoopback(String host) {
    if (host.equalsIgnoreCase("localhost")) {
      return true;
    }
    // Only an IPv4 literal, or an IPv6 literal (which has a colon), so that no name is looked up.
    if (!host.matches("[0-9.]+|[0-9a-fA-F.]*:[0-9a-fA-F:.]*")) {
      return false;
    }
    try {
      // A literal address: getByName does not resolve it through DNS.
      return InetAddress.getByName(host).isLoopbackAddress();
    } catch (UnknownHostException e) {
      return false;
    }
  }

  private static DoubleSupplier randomSource() {
    return () -> ThreadLocalRandom.current().nextDouble();
  }

  private static ExecutorService newExecutor() {
    AtomicInteger count = new AtomicInteger();
    ThreadFactory threads =
        runnable -> {
          Thread thread = new Thread(runnable, "slurmscope-prometheus-" + count.incrementAndGet());
          thread.setDaemon(true);
          return thread;
        };
    // The same pool shape as OkHttp's default dispatcher: threads on demand, idle ones end after
    // a minute.
    return new ThreadPoolExecutor(
        0, Integer.MAX_VALUE, 60, TimeUnit.SECONDS, new SynchronousQueue<>(), threads);
  }

  /** Decodes one response body into an endpoint's result. */
  @FunctionalInterface
  private interface Decoder<T> {
    T decode(String endpoint, int status, byte[] body) throws PrometheusException;
  }

  /** Request parameters in order; a name may repeat. */
  private static final class Parameters {
    final List<Map.Entry<String, String>> list = new ArrayList<>();

    Parameters add(String name, String value) {
      list.add(Map.entry(name, value));
      return this;
    }

    Parameters range(Instant start, Instant end) {
      if (start != null) {
        add("start", SampleValues.unixSeconds(start));
      }
      if (end != null) {
        add("end", SampleValues.unixSeconds(end));
      }
      return this;
    }

    Parameters limit(int limit) {
      if (limit < 0) {
        throw new IllegalArgumentException("limit must be 0 (none) or positive, got " + limit);
      }
      if (limit > 0) {
        add("limit", Integer.toString(limit));
      }
      return this;
    }

    void options(QueryOptions options) {
      if (options.timeout() != null) {
        add("timeout", SampleValues.seconds(options.timeout()));
      }
      limit(options.limit());
    }
  }
}
