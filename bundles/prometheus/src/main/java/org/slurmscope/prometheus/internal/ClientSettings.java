package org.slurmscope.prometheus.internal;

import static org.slurmscope.prometheus.internal.ConfigErrors.invalid;
import static org.slurmscope.prometheus.internal.ConfigErrors.quote;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.function.DoubleSupplier;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;
import okhttp3.HttpUrl;

/**
 * Validated values of {@link PrometheusConfiguration}.
 *
 * @param baseUrl the server's base URL, without user info, query string or fragment
 * @param connectTimeout maximum time to open a connection
 * @param readTimeout maximum time between bytes of a response
 * @param callTimeout maximum time for one attempt of a request
 * @param retry which failures are retried, how often and after which pause
 * @param breaker when the client stops sending requests to a failing server
 * @param limits how many requests the client sends at once and per second, and how much it reads
 * @param auth the credentials and extra headers sent with every request
 * @param tls the trusted authorities and the client certificate of https:// connections
 * @param audit where the audit lines go, if anywhere
 */
public record ClientSettings(
    HttpUrl baseUrl,
    Duration connectTimeout,
    Duration readTimeout,
    Duration callTimeout,
    Retry retry,
    Breaker breaker,
    Limits limits,
    AuthSettings auth,
    TlsSettings tls,
    Audit audit) {

  /** User info between the scheme and the host, as in {@code http://user:secret@host}. */
  private static final Pattern USER_INFO = Pattern.compile("(?<=//)[^/?#]*@");

  public ClientSettings {
    Objects.requireNonNull(baseUrl, "baseUrl");
    Objects.requireNonNull(connectTimeout, "connectTimeout");
    Objects.requireNonNull(readTimeout, "readTimeout");
    Objects.requireNonNull(callTimeout, "callTimeout");
    Objects.requireNonNull(retry, "retry");
    Objects.requireNonNull(breaker, "breaker");
    Objects.requireNonNull(limits, "limits");
    Objects.requireNonNull(auth, "auth");
    Objects.requireNonNull(tls, "tls");
    Objects.requireNonNull(audit, "audit");
  }

  /**
   * Checks a configuration, reading secrets from the process environment.
   *
   * @throws IllegalArgumentException naming the PID, the key, the value and the rule
   */
  static ClientSettings validate(PrometheusConfiguration config) {
    return validate(config, System::getenv);
  }

  /**
   * Checks a configuration.
   *
   * @param environment looks up environment variables by name; null when unset
   * @throws IllegalArgumentException naming the PID, the key, the value and the rule
   */
  static ClientSettings validate(
      PrometheusConfiguration config, UnaryOperator<String> environment) {
    HttpUrl url = baseUrl(config.url());
    return new ClientSettings(
        url,
        millis("connectTimeoutMillis", config.connectTimeoutMillis()),
        millis("readTimeoutMillis", config.readTimeoutMillis()),
        millis("callTimeoutMillis", config.callTimeoutMillis()),
        Retry.validate(config),
        Breaker.validate(config),
        Limits.validate(config),
        AuthSettings.validate(config, environment),
        TlsSettings.validate(config, url.isHttps()),
        Audit.validate(config));
  }

  /**
   * Checks the URL and timeouts given one by one, with the same rules and messages as {@link
   * #validate}, and takes the defaults for every other key.
   *
   * @throws IllegalArgumentException naming the PID, the key, the value and the rule
   */
  public static ClientSettings of(
      String url, int connectTimeoutMillis, int readTimeoutMillis, int callTimeoutMillis) {
    return new ClientSettings(
        baseUrl(url),
        millis("connectTimeoutMillis", connectTimeoutMillis),
        millis("readTimeoutMillis", readTimeoutMillis),
        millis("callTimeoutMillis", callTimeoutMillis),
        Retry.DEFAULT,
        Breaker.DEFAULT,
        Limits.DEFAULT,
        AuthSettings.NONE,
        TlsSettings.SYSTEM_DEFAULT,
        Audit.OFF);
  }

  /** Returns the base URL as people write it: no trailing slash after the host or path. */
  public String displayUrl() {
    String text = baseUrl.toString();
    return text.endsWith("/") ? text.substring(0, text.length() - 1) : text;
  }

  /** Returns the URL of an API path such as {@code api/v1/query} under the base URL. */
  public HttpUrl endpoint(String apiPath) {
    return baseUrl.newBuilder().addPathSegments(apiPath).build();
  }

  private static HttpUrl baseUrl(String value) {
    String text = value == null ? "" : value.strip();
    if (text.isEmpty()) {
      throw invalid(
          "url", "\"\"", "it must be the server's base URL, such as http://localhost:9090");
    }
    // The value is quoted without user info, so that a password written into it never reaches
    // the log or the screen.
    String quoted = quote(USER_INFO.matcher(text).replaceFirst("***@"));
    HttpUrl url = HttpUrl.parse(text);
    if (url == null) {
      throw invalid(
          "url",
          quoted,
          "it must be an absolute http:// or https:// URL, such as http://localhost:9090");
    }
    if (!url.username().isEmpty() || !url.password().isEmpty()) {
      throw invalid(
          "url",
          quoted,
          "it must not contain a user name or password: remove the part before @ and set"
              + " basicAuthUser and basicAuthPasswordFile instead");
    }
    if (url.encodedQuery() != null) {
      throw invalid("url", quoted, "it must not contain a query string: remove the part from ? on");
    }
    if (url.encodedFragment() != null) {
      throw invalid("url", quoted, "it must not contain a fragment: remove the part from # on");
    }
    return url;
  }

  private static Duration millis(String key, int value) {
    if (value <= 0) {
      throw invalid(key, Integer.toString(value), "it must be a positive number of milliseconds");
    }
    return Duration.ofMillis(value);
  }

  private static int inRange(String key, int value, int min, int max, String unit) {
    if (value < min || value > max) {
      throw invalid(
          key, Integer.toString(value), "it must be " + unit + " from " + min + " to " + max);
    }
    return value;
  }

  /**
   * Retries of one request.
   *
   * @param maxAttempts attempts of one request, the first included
   * @param initialBackoff the pause before the first retry
   * @param maxBackoff the longest pause between two attempts
   */
  public record Retry(int maxAttempts, Duration initialBackoff, Duration maxBackoff) {

    static final int DEFAULT_MAX_ATTEMPTS = 3;
    static final int DEFAULT_INITIAL_BACKOFF_MILLIS = 200;
    static final int DEFAULT_MAX_BACKOFF_MILLIS = 5000;

    static final Retry DEFAULT =
        new Retry(
            DEFAULT_MAX_ATTEMPTS,
            Duration.ofMillis(DEFAULT_INITIAL_BACKOFF_MILLIS),
            Duration.ofMillis(DEFAULT_MAX_BACKOFF_MILLIS));

    static Retry validate(PrometheusConfiguration config) {
      int attempts = inRange("retryMaxAttempts", config.retryMaxAttempts(), 1, 10, "a count");
      int initial =
          inRange(
              "retryInitialBackoffMillis",
              config.retryInitialBackoffMillis(),
              1,
              60_000,
              "milliseconds");
      int max =
          inRange(
              "retryMaxBackoffMillis",
              config.retryMaxBackoffMillis(),
              initial,
              300_000,
              "milliseconds, at least retryInitialBackoffMillis,");
      return new Retry(attempts, Duration.ofMillis(initial), Duration.ofMillis(max));
    }

    /**
     * Returns the pause before attempt {@code attempt + 1}: the initial backoff doubled for each
     * earlier retry, capped at the maximum, then drawn at random from its upper half ("equal
     * jitter"), so that consoles that failed together do not retry together.
     *
     * @param attempt the attempt that just failed, from 1
     * @param random a source of numbers in [0, 1)
     */
    Duration backoff(int attempt, DoubleSupplier random) {
      long base = initialBackoff.toMillis();
      for (int i = 1; i < attempt && base < maxBackoff.toMillis(); i++) {
        base *= 2;
      }
      base = Math.min(base, maxBackoff.toMillis());
      long half = base / 2;
      return Duration.ofMillis(base - half + (long) (random.getAsDouble() * (half + 1)));
    }
  }

  /**
   * The circuit breaker.
   *
   * @param failureThreshold failed attempts in a row that open the breaker
   * @param openDuration how long an open breaker rejects requests before one probe is let through
   */
  public record Breaker(int failureThreshold, Duration openDuration) {

    static final int DEFAULT_FAILURE_THRESHOLD = 5;
    static final int DEFAULT_OPEN_SECONDS = 30;

    static final Breaker DEFAULT =
        new Breaker(DEFAULT_FAILURE_THRESHOLD, Duration.ofSeconds(DEFAULT_OPEN_SECONDS));

    static Breaker validate(PrometheusConfiguration config) {
      int threshold =
          inRange("breakerFailureThreshold", config.breakerFailureThreshold(), 1, 1000, "a count");
      int seconds = inRange("breakerOpenSeconds", config.breakerOpenSeconds(), 1, 3600, "seconds");
      return new Breaker(threshold, Duration.ofSeconds(seconds));
    }
  }

  /**
   * Limits that keep one console from pressing hard on a shared server.
   *
   * @param maxConcurrentRequests requests in flight at once
   * @param maxRequestsPerSecond requests started per second, retries included
   * @param maxResponseBytes the largest response body read
   */
  public record Limits(
      int maxConcurrentRequests, double maxRequestsPerSecond, int maxResponseBytes) {

    static final int DEFAULT_MAX_CONCURRENT_REQUESTS = 4;
    static final double DEFAULT_MAX_REQUESTS_PER_SECOND = 10;

    /**
     * An aggregated query for 10,000 nodes returns about 1 MB, so a response over 32 MiB comes from
     * a query that is not aggregated and would only fill the heap of a console on a shared login
     * node.
     */
    static final int DEFAULT_MAX_RESPONSE_BYTES = 32 * 1024 * 1024;

    static final Limits DEFAULT =
        new Limits(
            DEFAULT_MAX_CONCURRENT_REQUESTS,
            DEFAULT_MAX_REQUESTS_PER_SECOND,
            DEFAULT_MAX_RESPONSE_BYTES);

    static Limits validate(PrometheusConfiguration config) {
      int concurrent =
          inRange("maxConcurrentRequests", config.maxConcurrentRequests(), 1, 64, "a count");
      double rate = config.maxRequestsPerSecond();
      // The negated comparison also rejects NaN.
      if (!(rate >= 0.01 && rate <= 1000)) {
        throw invalid(
            "maxRequestsPerSecond",
            Double.toString(rate),
            "it must be a number of requests per second from 0.01 to 1000");
      }
      int bytes =
          inRange("maxResponseBytes", config.maxResponseBytes(), 1024, 1 << 30, "a size in bytes");
      return new Limits(concurrent, rate, bytes);
    }
  }

  /**
   * The audit log.
   *
   * @param enabled whether one line per request is written
   * @param file the file the lines are appended to, or null for the slurmscope log
   */
  public record Audit(boolean enabled, Path file) {

    static final Audit OFF = new Audit(false, null);

    static Audit validate(PrometheusConfiguration config) {
      String text = config.auditLogFile().strip();
      if (text.isEmpty()) {
        return new Audit(config.auditLog(), null);
      }
      Path file = Path.of(text);
      if (!file.isAbsolute()) {
        throw invalid(
            "auditLogFile",
            quote(text),
            "it must be an absolute path, such as /var/log/slurmscope/prometheus-audit.log");
      }
      return new Audit(config.auditLog(), file);
    }
  }
}
