package org.slurmscope.prometheus.internal;

import java.time.Duration;
import java.util.Objects;
import java.util.regex.Pattern;
import okhttp3.HttpUrl;

/**
 * Validated values of {@link PrometheusConfiguration}.
 *
 * @param baseUrl the server's base URL, without user info, query string or fragment
 * @param connectTimeout maximum time to open a connection
 * @param readTimeout maximum time between bytes of a response
 * @param callTimeout maximum time for a whole request
 */
public record ClientSettings(
    HttpUrl baseUrl, Duration connectTimeout, Duration readTimeout, Duration callTimeout) {

  /** User info between the scheme and the host, as in {@code http://user:secret@host}. */
  private static final Pattern USER_INFO = Pattern.compile("(?<=//)[^/?#]*@");

  public ClientSettings {
    Objects.requireNonNull(baseUrl, "baseUrl");
    Objects.requireNonNull(connectTimeout, "connectTimeout");
    Objects.requireNonNull(readTimeout, "readTimeout");
    Objects.requireNonNull(callTimeout, "callTimeout");
  }

  /**
   * Checks a configuration.
   *
   * @throws IllegalArgumentException naming the PID, the key, the value and the rule
   */
  static ClientSettings validate(PrometheusConfiguration config) {
    return of(
        config.url(),
        config.connectTimeoutMillis(),
        config.readTimeoutMillis(),
        config.callTimeoutMillis());
  }

  /**
   * Checks configuration values given one by one, with the same rules and messages as {@link
   * #validate}.
   *
   * @throws IllegalArgumentException naming the PID, the key, the value and the rule
   */
  public static ClientSettings of(
      String url, int connectTimeoutMillis, int readTimeoutMillis, int callTimeoutMillis) {
    return new ClientSettings(
        baseUrl(url),
        millis("connectTimeoutMillis", connectTimeoutMillis),
        millis("readTimeoutMillis", readTimeoutMillis),
        millis("callTimeoutMillis", callTimeoutMillis));
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
    String quoted = "\"" + USER_INFO.matcher(text).replaceFirst("***@") + "\"";
    HttpUrl url = HttpUrl.parse(text);
    if (url == null) {
      throw invalid(
          "url",
          quoted,
          "it must be an absolute http:// or https:// URL, such as http://localhost:9090");
    }
    if (!url.username().isEmpty() || !url.password().isEmpty()) {
      throw invalid(
          "url", quoted, "it must not contain a user name or password: remove the part before @");
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

  private static IllegalArgumentException invalid(String key, String value, String rule) {
    return new IllegalArgumentException(
        PrometheusConfiguration.PID + ": " + key + "=" + value + " is invalid: " + rule);
  }
}
