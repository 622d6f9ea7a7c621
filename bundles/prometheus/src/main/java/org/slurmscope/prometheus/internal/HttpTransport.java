package org.slurmscope.prometheus.internal;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.DoubleSupplier;
import java.util.function.LongSupplier;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLPeerUnverifiedException;
import okhttp3.Call;
import okhttp3.Callback;
import okhttp3.FormBody;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;
import okio.BufferedSource;
import org.osgi.service.log.Logger;
import org.slurmscope.api.prometheus.PrometheusException;

/**
 * Sends requests to one server with the client's policies: the circuit breaker, the rate and
 * concurrency limits, retries with backoff, the POST-to-GET fallback and the response size limit.
 * Returns every HTTP response as it came, for the decoder, and throws only when no response came.
 */
final class HttpTransport {

  /** Statuses that mean the server (or the proxy before it) cannot serve right now. */
  private static final Set<Integer> UNAVAILABLE = Set.of(502, 503, 504);

  /** Statuses worth another attempt: the unavailable ones and 429 Too Many Requests. */
  private static final Set<Integer> RETRIED = Set.of(429, 502, 503, 504);

  private static final int METHOD_NOT_ALLOWED = 405;

  private final ClientSettings settings;
  private final OkHttpClient http;
  private final Logger logger;
  private final CircuitBreaker breaker;
  private final RateLimiter rateLimiter;
  private final Semaphore permits;
  private final DoubleSupplier random;

  /** Paths whose POST the server rejected with 405; they are sent as GET from then on. */
  private final Set<String> postRejected = ConcurrentHashMap.newKeySet();

  private volatile boolean closed;

  /**
   * Creates the transport.
   *
   * @param http the HTTP client, already set up with this configuration's timeouts and TLS
   * @param nanoTime the clock of the breaker and the rate limiter
   * @param random the source of the backoff jitter, numbers in [0, 1)
   */
  HttpTransport(
      ClientSettings settings,
      OkHttpClient http,
      Logger logger,
      LongSupplier nanoTime,
      DoubleSupplier random) {
    this.settings = settings;
    this.http = http;
    this.logger = logger;
    this.random = random;
    this.breaker =
        new CircuitBreaker(
            settings.breaker().failureThreshold(), settings.breaker().openDuration(), nanoTime);
    this.rateLimiter = new RateLimiter(settings.limits().maxRequestsPerSecond(), nanoTime);
    this.permits = new Semaphore(settings.limits().maxConcurrentRequests(), true);
  }

  /**
   * One request to send.
   *
   * @param path the API path under the base URL, such as {@code api/v1/query}
   * @param parameters the form or query parameters, in order; a name may repeat ({@code match[]})
   * @param post whether the request goes as a form-encoded POST (falling back to GET on 405)
   * @param retryStatuses whether 429, 502, 503 and 504 are retried; false where such a status is
   *     itself the response, as 503 from {@code /-/ready}
   */
  record Spec(
      String path,
      List<Map.Entry<String, String>> parameters,
      boolean post,
      boolean retryStatuses) {

    static Spec get(String path, List<Map.Entry<String, String>> parameters) {
      return new Spec(path, parameters, false, true);
    }

    static Spec post(String path, List<Map.Entry<String, String>> parameters) {
      return new Spec(path, parameters, true, true);
    }
  }

  /** The record of one call for the audit log: the attempts sent and the last HTTP status. */
  static final class Trace {
    int attempts;
    int status = -1;
  }

  /** Status, body and the headers the client acts on, of a response read in full. */
  record RawResponse(int status, byte[] body, String location, String retryAfter) {}

  /**
   * Sends a request, retrying what may be retried.
   *
   * @throws PrometheusException with error type {@code connection} when no response came (the
   *     breaker is open, the connection failed, a timeout passed), {@code throttled} when the
   *     client's own limits held the request too long, {@code decode} for a body over the size
   *     limit, {@code config} when a secret can no longer be read
   * @throws InterruptedException when the caller is interrupted; the call in flight is cancelled
   */
  RawResponse execute(Spec spec, AuthSettings auth, Trace trace)
      throws PrometheusException, InterruptedException {
    RawResponse lastResponse = null;
    int maxAttempts = settings.retry().maxAttempts();
    for (int attempt = 1; ; attempt++) {
      if (closed) {
        throw stopped("the client was closed");
      }
      long blockedNanos = breaker.tryAcquire();
      if (blockedNanos > 0) {
        if (lastResponse != null) {
          return lastResponse;
        }
        throw breakerOpen(blockedNanos);
      }
      trace.attempts = attempt;
      Attempt result;
      try {
        result = attempt(spec, auth);
      } catch (InterruptedException | PrometheusException | RuntimeException e) {
        breaker.onAbandoned();
        throw e;
      }

      if (result.response() != null) {
        RawResponse response = result.response();
        trace.status = response.status();
        if (UNAVAILABLE.contains(response.status())) {
          recordFailure("HTTP " + response.status());
        } else {
          recordSuccess();
        }
        lastResponse = response;
        if (!spec.retryStatuses()
            || !RETRIED.contains(response.status())
            || attempt >= maxAttempts
            || breaker.state() != CircuitBreaker.State.CLOSED) {
          return response;
        }
        Duration pause = settings.retry().backoff(attempt, random);
        Duration retryAfter = retryAfter(response.retryAfter());
        if (retryAfter != null && retryAfter.compareTo(settings.retry().maxBackoff()) > 0) {
          // The server requests a longer pause than the client may wait, so its response is final.
          return response;
        }
        if (retryAfter != null && retryAfter.compareTo(pause) > 0) {
          pause = retryAfter;
        }
        pause(spec, attempt, "HTTP " + response.status(), pause);
        continue;
      }

      IOException failure = result.failure();
      if (failure instanceof BodyTooLargeException) {
        recordSuccess();
        throw tooLarge(spec);
      }
      if (closed) {
        throw stopped(reason(failure));
      }
      recordFailure(reason(failure));
      if (!retryable(failure)
          || attempt >= maxAttempts
          || breaker.state() != CircuitBreaker.State.CLOSED) {
        throw unreachable(failure, attempt);
      }
      pause(spec, attempt, reason(failure), settings.retry().backoff(attempt, random));
    }
  }

  /** Returns the breaker's state, for tests. */
  CircuitBreaker breaker() {
    return breaker;
  }

  /** Returns the HTTP client, for tests of the connection pool. */
  OkHttpClient http() {
    return http;
  }

  /** Returns the number of calls the dispatcher is running, for tests of cancellation. */
  int runningCalls() {
    return http.dispatcher().runningCallsCount();
  }

  /** Rejects requests from now on; requests in flight finish. */
  void close() {
    closed = true;
  }

  /** Sends one attempt, falling back from POST to GET when the server rejects the POST. */
  private Attempt attempt(Spec spec, AuthSettings auth)
      throws PrometheusException, InterruptedException {
    boolean post = spec.post() && !postRejected.contains(spec.path());
    Attempt result = send(request(spec, post, auth));
    if (post && result.response() != null && result.response().status() == METHOD_NOT_ALLOWED) {
      postRejected.add(spec.path());
      logger.info(
          "Prometheus at {} rejected a POST to {} with HTTP 405, so requests to it are sent as GET"
              + " from now on",
          settings.displayUrl(),
          spec.path());
      result = send(request(spec, false, auth));
    }
    return result;
  }

  private Request request(Spec spec, boolean post, AuthSettings auth) throws PrometheusException {
    HttpUrl endpoint = settings.endpoint(spec.path());
    Request.Builder request =
        new Request.Builder()
            .header("Accept", "application/json")
            .header("User-Agent", "slurmscope");
    auth.apply(request);
    if (post) {
      FormBody.Builder form = new FormBody.Builder();
      for (Map.Entry<String, String> parameter : spec.parameters()) {
        form.add(parameter.getKey(), parameter.getValue());
      }
      return request.url(endpoint).post(form.build()).build();
    }
    HttpUrl.Builder url = endpoint.newBuilder();
    for (Map.Entry<String, String> parameter : spec.parameters()) {
      url.addQueryParameter(parameter.getKey(), parameter.getValue());
    }
    return request.url(url.build()).get().build();
  }

  /**
   * Waits for the limits, then sends the request and reads its response on a dispatcher thread, so
   * that the caller's wait can be interrupted: an interrupt cancels the call.
   */
  private Attempt send(Request request) throws PrometheusException, InterruptedException {
    long maxWait = settings.callTimeout().toNanos();
    if (!rateLimiter.acquire(maxWait)) {
      throw throttled();
    }
    if (!permits.tryAcquire(maxWait, TimeUnit.NANOSECONDS)) {
      throw throttled();
    }
    Call call;
    CompletableFuture<RawResponse> future = new CompletableFuture<>();
    try {
      call = http.newCall(request);
      call.enqueue(new ResponseCallback(future, permits, settings.limits().maxResponseBytes()));
    } catch (RuntimeException e) {
      permits.release();
      throw e;
    }
    try {
      return new Attempt(future.get(), null);
    } catch (InterruptedException e) {
      call.cancel();
      throw e;
    } catch (ExecutionException e) {
      if (e.getCause() instanceof IOException failure) {
        return new Attempt(null, failure);
      }
      return new Attempt(null, new IOException(e.getCause()));
    }
  }

  private void pause(Spec spec, int attempt, String reason, Duration pause)
      throws InterruptedException {
    logger.debug(
        "Attempt {} to {} failed ({}): retrying in {} ms",
        attempt,
        spec.path(),
        reason,
        pause.toMillis());
    Thread.sleep(pause.toMillis());
  }

  private void recordSuccess() {
    CircuitBreaker.State before = breaker.state();
    breaker.onSuccess();
    if (before != CircuitBreaker.State.CLOSED) {
      logger.info(
          "Prometheus at {} responds again: requests are sent again", settings.displayUrl());
    }
  }

  private void recordFailure(String reason) {
    if (breaker.onFailure(reason)) {
      logger.warn(
          "Prometheus at {} failed {} times in a row (last: {}): no requests are sent for {} s",
          settings.displayUrl(),
          breaker.consecutiveFailures(),
          reason,
          settings.breaker().openDuration().toSeconds());
    }
  }

  /** Returns true for failures that may pass: not an unknown host name, not a TLS verdict. */
  private static boolean retryable(IOException failure) {
    return !(failure instanceof UnknownHostException
        || failure instanceof SSLHandshakeException
        || failure instanceof SSLPeerUnverifiedException);
  }

  /** Parses a Retry-After header in seconds; an HTTP date or junk is ignored (RFC 9110 10.2.3). */
  private static Duration retryAfter(String header) {
    if (header == null) {
      return null;
    }
    try {
      long seconds = Long.parseLong(header.strip());
      return seconds >= 0 ? Duration.ofSeconds(seconds) : null;
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private static String reason(Throwable failure) {
    return failure.getMessage() == null ? failure.getClass().getSimpleName() : failure.getMessage();
  }

  private static String attempts(int attempts) {
    return attempts > 1 ? "; tried " + attempts + " times" : "";
  }

  private PrometheusException unreachable(IOException failure, int attempts) {
    String url = settings.displayUrl();
    String reason = reason(failure) + attempts(attempts);
    if (failure instanceof SSLException) {
      return new PrometheusException(
          "connection",
          "TLS connection to Prometheus at "
              + url
              + " failed ("
              + reason
              + "): check tlsCaFile, tlsCertFile and tlsKeyFile in "
              + PrometheusConfiguration.PID
              + ", and that url names a host the server's certificate is issued for",
          failure);
    }
    if (failure instanceof InterruptedIOException) {
      // SocketTimeoutException (connect, read) and OkHttp's call timeout both end up here.
      return new PrometheusException(
          "connection",
          "Request to Prometheus at "
              + url
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
          failure);
    }
    return new PrometheusException(
        "connection",
        "Prometheus at "
            + url
            + " is not reachable ("
            + reason
            + "): check url in "
            + PrometheusConfiguration.PID
            + " and that the server is running",
        failure);
  }

  private PrometheusException breakerOpen(long blockedNanos) {
    long seconds = Math.max(1, TimeUnit.NANOSECONDS.toSeconds(blockedNanos + 999_999_999L));
    String when =
        breaker.state() == CircuitBreaker.State.HALF_OPEN
            ? "another request is checking whether it is back"
            : "no request is sent for the next " + seconds + " s";
    return new PrometheusException(
        "connection",
        "Prometheus at "
            + settings.displayUrl()
            + " is not reachable ("
            + breaker.consecutiveFailures()
            + " attempts in a row failed, the last with: "
            + breaker.lastFailure()
            + "; "
            + when
            + "): check url in "
            + PrometheusConfiguration.PID
            + " and that the server is running");
  }

  private PrometheusException throttled() {
    return new PrometheusException(
        "throttled",
        "The request to Prometheus at "
            + settings.displayUrl()
            + " waited callTimeoutMillis="
            + settings.callTimeout().toMillis()
            + " for the client's own limits (maxConcurrentRequests="
            + settings.limits().maxConcurrentRequests()
            + ", maxRequestsPerSecond="
            + settings.limits().maxRequestsPerSecond()
            + ") and was not sent: raise them in "
            + PrometheusConfiguration.PID
            + " if this console needs more requests");
  }

  private PrometheusException tooLarge(Spec spec) {
    return new PrometheusException(
        "decode",
        "Prometheus at "
            + settings.endpoint(spec.path())
            + " returned a response body larger than maxResponseBytes="
            + settings.limits().maxResponseBytes()
            + ": aggregate the query, for example with max by (instance) (...), or raise"
            + " maxResponseBytes in "
            + PrometheusConfiguration.PID);
  }

  private PrometheusException stopped(String reason) {
    return new PrometheusException(
        "connection",
        "Prometheus client for "
            + settings.displayUrl()
            + " was stopped or reconfigured before the request completed ("
            + reason
            + "): the next request uses the current configuration");
  }

  /** One attempt's outcome: a response, or the failure that prevented one. */
  private record Attempt(RawResponse response, IOException failure) {}

  /** The response body was larger than the configured limit. */
  private static final class BodyTooLargeException extends IOException {
    private static final long serialVersionUID = 1L;

    BodyTooLargeException(long limit) {
      super("response body larger than " + limit + " bytes");
    }
  }

  /**
   * Completes a future with the response read in full, or with the failure; closes the response and
   * gives the concurrency permit back exactly once.
   */
  private static final class ResponseCallback implements Callback {
    private final CompletableFuture<RawResponse> future;
    private final Semaphore permits;
    private final long maxBytes;
    private final AtomicBoolean released = new AtomicBoolean();

    ResponseCallback(CompletableFuture<RawResponse> future, Semaphore permits, long maxBytes) {
      this.future = future;
      this.permits = permits;
      this.maxBytes = maxBytes;
    }

    @Override
    public void onFailure(Call call, IOException e) {
      release();
      future.completeExceptionally(e);
    }

    @Override
    public void onResponse(Call call, Response response) {
      try (response) {
        RawResponse raw =
            new RawResponse(
                response.code(),
                readBody(response.body()),
                response.header("Location"),
                response.header("Retry-After"));
        // Released before completing, so that the caller's next request finds the permit free.
        release();
        future.complete(raw);
      } catch (IOException e) {
        release();
        future.completeExceptionally(e);
      } finally {
        release();
      }
    }

    private void release() {
      if (released.compareAndSet(false, true)) {
        permits.release();
      }
    }

    private byte[] readBody(ResponseBody body) throws IOException {
      BufferedSource source = body.source();
      if (source.request(maxBytes + 1)) {
        throw new BodyTooLargeException(maxBytes);
      }
      return source.readByteArray();
    }
  }
}
