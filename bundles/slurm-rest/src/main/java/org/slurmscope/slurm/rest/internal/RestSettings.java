package org.slurmscope.slurm.rest.internal;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.regex.Pattern;
import okhttp3.HttpUrl;

/**
 * Validated values of {@link RestConfiguration}.
 *
 * @param url slurmrestd's base URL, without user info, query or fragment
 * @param apiVersion the configured API version, or null to discover it
 * @param tokenSource where the JWT comes from
 * @param tokenFile the token file, or null
 * @param userName the user name to send, or null to take it from the token
 * @param scontrol the scontrol executable
 * @param tokenLifespan how long a token made by scontrol lasts
 * @param renewBefore how long before expiry a token is replaced
 * @param connectTimeout maximum time to open a connection
 * @param callTimeout maximum time for a whole request
 */
record RestSettings(
    HttpUrl url,
    ApiVersion apiVersion,
    TokenSource.Kind tokenSource,
    Path tokenFile,
    String userName,
    String scontrol,
    Duration tokenLifespan,
    Duration renewBefore,
    Duration connectTimeout,
    Duration callTimeout) {

  private static final Pattern USER_INFO = Pattern.compile("(?<=//)[^/?#]*@");

  /**
   * Checks a configuration.
   *
   * @throws IllegalArgumentException naming the PID, the key, the value and the rule
   */
  static RestSettings validate(RestConfiguration config) {
    TokenSource.Kind source = tokenSource(config.tokenSource());
    Path tokenFile = tokenFile(config.tokenFile());
    if (source == TokenSource.Kind.FILE && tokenFile == null) {
      throw invalid("tokenFile", "", "it must be set when tokenSource=file");
    }
    return new RestSettings(
        url(config.url()),
        apiVersion(config.apiVersion()),
        source,
        tokenFile,
        blankToNull(config.userName()),
        executable(config.scontrolCommand()),
        seconds("tokenLifespanSeconds", config.tokenLifespanSeconds(), 60, 86_400),
        seconds("renewBeforeSeconds", config.renewBeforeSeconds(), 10, 3600),
        millis("connectTimeoutMillis", config.connectTimeoutMillis()),
        millis("callTimeoutMillis", config.callTimeoutMillis()));
  }

  /** Returns the base URL as people write it, without a trailing slash. */
  String displayUrl() {
    String text = url.toString();
    return text.endsWith("/") ? text.substring(0, text.length() - 1) : text;
  }

  private static HttpUrl url(String value) {
    String text = value == null ? "" : value.strip();
    // Quoted without user info, so a password written into the URL never reaches the log.
    String quoted = "\"" + USER_INFO.matcher(text).replaceFirst("***@") + "\"";
    HttpUrl url = HttpUrl.parse(text);
    if (url == null) {
      throw invalid(
          "url",
          quoted,
          "it must be an absolute http:// or https:// URL, such as http://localhost:6820");
    }
    if (!url.username().isEmpty() || !url.password().isEmpty()) {
      throw invalid(
          "url", quoted, "it must not contain a user name or password: slurmrestd takes a JWT");
    }
    if (url.encodedQuery() != null || url.encodedFragment() != null) {
      throw invalid("url", quoted, "it must not contain a query string or fragment");
    }
    return url;
  }

  private static ApiVersion apiVersion(String value) {
    if (value == null || value.isBlank()) {
      return null;
    }
    ApiVersion version = ApiVersion.parse(value.strip());
    if (version == null) {
      throw invalid("apiVersion", value, "it must look like v0.0.42, or be empty to discover it");
    }
    if (!ApiVersion.SUPPORTED.contains(version)) {
      throw invalid(
          "apiVersion",
          value,
          "slurmscope reads "
              + ApiVersion.SUPPORTED.get(0)
              + " to "
              + ApiVersion.newest()
              + "; leave it empty to discover the newest one slurmrestd serves");
    }
    return version;
  }

  private static TokenSource.Kind tokenSource(String value) {
    String text = value == null ? "" : value.strip().toUpperCase(Locale.ROOT);
    try {
      return TokenSource.Kind.valueOf(text);
    } catch (IllegalArgumentException e) {
      throw invalid("tokenSource", value, "it must be one of auto, env, file, scontrol");
    }
  }

  private static Path tokenFile(String value) {
    if (value == null || value.isBlank()) {
      return null;
    }
    Path path = Path.of(value.strip());
    if (!path.isAbsolute()) {
      throw invalid("tokenFile", value, "it must be an absolute path");
    }
    return path;
  }

  private static String executable(String value) {
    if (value == null || value.isBlank()) {
      throw invalid("scontrolCommand", value, "it must name scontrol or give its absolute path");
    }
    return value.strip();
  }

  private static Duration seconds(String key, int value, int min, int max) {
    if (value < min || value > max) {
      throw invalid(
          key, Integer.toString(value), "it must be between " + min + " and " + max + " seconds");
    }
    return Duration.ofSeconds(value);
  }

  private static Duration millis(String key, int value) {
    if (value <= 0) {
      throw invalid(key, Integer.toString(value), "it must be a positive number of milliseconds");
    }
    return Duration.ofMillis(value);
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value.strip();
  }

  private static IllegalArgumentException invalid(String key, String value, String rule) {
    return new IllegalArgumentException(
        RestConfiguration.PID
            + ": "
            + key
            + "="
            + (value.startsWith("\"") ? value : "\"" + value + "\"")
            + " is invalid: "
            + rule);
  }
}
