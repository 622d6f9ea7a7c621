package org.slurmscope.prometheus.internal;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import okhttp3.Call;
import okhttp3.Callback;
import okhttp3.Dispatcher;
import okhttp3.FormBody;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;
import okio.BufferedSource;
import org.osgi.service.log.Logger;
import org.slurmscope.api.prometheus.PrometheusClient;
import org.slurmscope.api.prometheus.PrometheusException;
import org.slurmscope.api.prometheus.QueryResult;

/**
 * A {@link PrometheusClient} for one configuration: one {@link OkHttpClient} with its own
 * connection pool and dispatcher threads, released by {@link #close()}.
 *
 * <p>Queries are sent as form-encoded POST requests, which have no URL length limit for long PromQL
 * (the Prometheus API accepts both methods). A server or proxy that rejects the POST with 405 gets
 * the same request as a GET, and every later request of this client goes as a GET at once.
 */
public final class OkHttpPrometheusClient implements PrometheusClient, AutoCloseable {

  /**
   * Maximum response body read, in bytes. An aggregated query for 10,000 nodes returns about 1 MB,
   * so a response over this limit comes from a query that is not aggregated and would only fill the
   * heap of a console on a shared login node.
   */
  static final long MAX_BODY_BYTES = 32L * 1024 * 1024;

  private static final String QUERY_PATH = "api/v1/query";
  private static final int HTTP_METHOD_NOT_ALLOWED = 405;

  private final ClientSettings settings;
  private final Logger logger;
  private final ExecutorService executor;
  private final OkHttpClient http;
  private final HttpUrl queryUrl;

  /** Set once the server has rejected a POST with 405. From then on queries go as GET. */
  private volatile boolean postRejected;

  /** Builds the HTTP client for the given settings; {@link #close()} releases its threads. */
  public OkHttpPrometheusClient(ClientSettings settings, Logger logger) {
    this.settings = settings;
    this.logger = logger;
    this.executor = newExecutor();
    this.http =
        new OkHttpClient.Builder()
            .dispatcher(new Dispatcher(executor))
            .connectTimeout(settings.connectTimeout())
            .readTimeout(settings.readTimeout())
            // A request body is one short form line; its write is bounded like a read.
            .writeTimeout(settings.readTimeout())
            .callTimeout(settings.callTimeout())
            .build();
    this.queryUrl = settings.endpoint(QUERY_PATH);
  }

  @Override
  public QueryResult query(String promql, Instant time)
      throws PrometheusException, InterruptedException {
    String timeParameter = time == null ? null : SampleValues.unixSeconds(time);
    RawResponse raw;
    if (postRejected) {
      raw = send(get(promql, timeParameter));
    } else {
      raw = send(post(promql, timeParameter));
      if (raw.status() == HTTP_METHOD_NOT_ALLOWED) {
        postRejected = true;
        logger.info(
            "Prometheus at {} rejected a POST to {} with HTTP 405, so queries are sent as GET from now on",
            settings.displayUrl(),
            QUERY_PATH);
        raw = send(get(promql, timeParameter));
      }
    }

    ApiResponse response = ApiResponseDecoder.decode(queryUrl.toString(), raw.status(), raw.body());
    // NOTE: QueryResult has no field for range series yet, so a matrix (from a range selector in an
    // instant query) is returned with its resultType and no samples.
    return new QueryResult(response.resultType(), response.samples(), response.warnings());
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
   * Releases the dispatcher threads and idle connections. Requests already running finish; new
   * requests fail.
   */
  @Override
  public void close() {
    executor.shutdown();
    http.connectionPool().evictAll();
  }

  /** Returns the number of open connections; for tests that check responses are closed. */
  int connectionCount() {
    return http.connectionPool().connectionCount();
  }

  /** Returns the number of open connections that no request uses. */
  int idleConnectionCount() {
    return http.connectionPool().idleConnectionCount();
  }

  private Request post(String promql, String time) {
    FormBody.Builder form = new FormBody.Builder().add("query", promql);
    if (time != null) {
      form.add("time", time);
    }
    return request(queryUrl).post(form.build()).build();
  }

  private Request get(String promql, String time) {
    HttpUrl.Builder url = queryUrl.newBuilder().addQueryParameter("query", promql);
    if (time != null) {
      url.addQueryParameter("time", time);
    }
    return request(url.build()).get().build();
  }

  private static Request.Builder request(HttpUrl url) {
    return new Request.Builder()
        .url(url)
        .header("Accept", "application/json")
        .header("User-Agent", "slurmscope");
  }

  /**
   * Sends a request and reads its response on a dispatcher thread, so that the caller's wait can be
   * interrupted: an interrupt cancels the call.
   */
  private RawResponse send(Request request) throws PrometheusException, InterruptedException {
    Call call = http.newCall(request);
    CompletableFuture<RawResponse> future = new CompletableFuture<>();
    call.enqueue(new ResponseCallback(future));
    try {
      return future.get();
    } catch (InterruptedException e) {
      call.cancel();
      throw e;
    } catch (ExecutionException e) {
      throw failure(e.getCause());
    }
  }

  private PrometheusException failure(Throwable cause) {
    String reason =
        cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
    if (cause instanceof BodyTooLargeException) {
      return new PrometheusException(
          "decode",
          "Prometheus at "
              + queryUrl
              + " returned a response body larger than "
              + MAX_BODY_BYTES / (1024 * 1024)
              + " MiB: aggregate the query, for example with max by (instance) (...)",
          cause);
    }
    if (executor.isShutdown()) {
      // OkHttp fails a call the closed dispatcher can no longer run with "executor rejected".
      return new PrometheusException(
          "connection",
          "Prometheus client for "
              + settings.displayUrl()
              + " was stopped or reconfigured before the request completed ("
              + reason
              + "): the next request uses the current configuration",
          cause);
    }
    if (cause instanceof InterruptedIOException) {
      // SocketTimeoutException (connect, read) and OkHttp's call timeout both end up here.
      return new PrometheusException(
          "connection",
          "Request to Prometheus at "
              + settings.displayUrl()
              + " timed out ("
              + reason
              + "; connectTimeoutMillis="
              + settings.connectTimeout().toMillis()
              + ", readTimeoutMillis="
              + settings.readTimeout().toMillis()
              + ", callTimeoutMillis="
              + settings.callTimeout().toMillis()
              + "): check url in "
              + PrometheusConfiguration.PID
              + " and that the server is running, or raise the timeouts for slow queries",
          cause);
    }
    return new PrometheusException(
        "connection",
        "Prometheus at "
            + settings.displayUrl()
            + " is not reachable ("
            + reason
            + "): check url in "
            + PrometheusConfiguration.PID
            + " and that the server is running",
        cause);
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
    // a minute. The dispatcher itself bounds concurrent requests (64, and 5 per host).
    return new ThreadPoolExecutor(
        0, Integer.MAX_VALUE, 60, TimeUnit.SECONDS, new SynchronousQueue<>(), threads);
  }

  /** Status and body of an HTTP response, read in full. */
  private record RawResponse(int status, byte[] body) {}

  /** The response body was larger than {@link #MAX_BODY_BYTES}. */
  private static final class BodyTooLargeException extends IOException {
    private static final long serialVersionUID = 1L;

    BodyTooLargeException() {
      super("response body larger than " + MAX_BODY_BYTES + " bytes");
    }
  }

  /**
   * Completes a future with the response read in full, or with the failure; closes the response.
   */
  private static final class ResponseCallback implements Callback {
    private final CompletableFuture<RawResponse> future;

    ResponseCallback(CompletableFuture<RawResponse> future) {
      this.future = future;
    }

    @Override
    public void onFailure(Call call, IOException e) {
      future.completeExceptionally(e);
    }

    @Override
    public void onResponse(Call call, Response response) {
      try (response) {
        future.complete(new RawResponse(response.code(), readBody(response.body())));
      } catch (IOException e) {
        future.completeExceptionally(e);
      }
    }

    private static byte[] readBody(ResponseBody body) throws IOException {
      BufferedSource source = body.source();
      if (source.request(MAX_BODY_BYTES + 1)) {
        throw new BodyTooLargeException();
      }
      return source.readByteArray();
    }
  }
}
