package org.slurmscope.prometheus.internal;

import static org.slurmscope.prometheus.internal.ConfigErrors.invalid;
import static org.slurmscope.prometheus.internal.ConfigErrors.quote;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;
import okhttp3.Credentials;
import okhttp3.Request;
import org.slurmscope.api.prometheus.PrometheusException;

/**
 * The credentials and extra headers sent with every request: HTTP basic authentication or a bearer
 * token, plain headers (such as Mimir's tenant header {@code X-Scope-OrgID}) and secret headers.
 * Secrets come from files or environment variables only, and no message names their values.
 */
public final class AuthSettings {

  /** No credentials and no extra headers. */
  static final AuthSettings NONE = new AuthSettings(null, null, null, Map.of(), Map.of());

  /** An HTTP header name: an RFC 9110 token. */
  private static final Pattern HEADER_NAME = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");

  /**
   * Headers the client sets itself, in lower case. Authorization carries secrets, so it may only
   * come from the credential keys or from a file or variable.
   */
  private static final Set<String> RESERVED_HEADERS =
      Set.of("content-type", "content-length", "transfer-encoding", "host", "connection");

  private final String basicUser;
  private final Secret basicPassword;
  private final Secret bearerToken;
  private final Map<String, String> plainHeaders;
  private final Map<String, Secret> secretHeaders;

  private AuthSettings(
      String basicUser,
      Secret basicPassword,
      Secret bearerToken,
      Map<String, String> plainHeaders,
      Map<String, Secret> secretHeaders) {
    this.basicUser = basicUser;
    this.basicPassword = basicPassword;
    this.bearerToken = bearerToken;
    this.plainHeaders = plainHeaders;
    this.secretHeaders = secretHeaders;
  }

  /**
   * Checks the authentication keys and reads each secret once, so that a missing or unsafe file
   * fails the configuration instead of the first request.
   *
   * @throws IllegalArgumentException naming the PID, the key, the value (never a secret) and the
   *     rule
   */
  static AuthSettings validate(PrometheusConfiguration config, UnaryOperator<String> environment) {
    String user = config.basicAuthUser().strip();
    Secret password =
        secret(
            "basicAuthPasswordFile",
            config.basicAuthPasswordFile(),
            "basicAuthPasswordEnv",
            config.basicAuthPasswordEnv(),
            environment,
            false);
    Secret token =
        secret(
            "bearerTokenFile",
            config.bearerTokenFile(),
            "bearerTokenEnv",
            config.bearerTokenEnv(),
            environment,
            true);
    checkBasicAuth(user, password);
    if (!user.isEmpty() && token != null) {
      throw invalid(
          token.key,
          quote(token.source()),
          "basic authentication (basicAuthUser) is set too, and a request carries only one"
              + " Authorization header: remove one of them");
    }

    Map<String, String> plain = plainHeaders(config.headers());
    Map<String, Secret> secret = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    for (Map.Entry<String, String> entry : pairs("headerFiles", config.headerFiles()).entrySet()) {
      secret.put(entry.getKey(), Secret.fromFile("headerFiles", entry.getValue(), true));
    }
    for (Map.Entry<String, String> entry : pairs("headerEnvs", config.headerEnvs()).entrySet()) {
      Secret previous =
          secret.put(
              entry.getKey(),
              Secret.fromEnvironment("headerEnvs", entry.getValue(), environment, true));
      if (previous != null) {
        throw duplicateHeader("headerEnvs", config.headerEnvs(), entry.getKey(), "headerFiles");
      }
    }
    for (String name : secret.keySet()) {
      if (plain.containsKey(name)) {
        throw duplicateHeader("headers", config.headers(), name, "headerFiles or headerEnvs");
      }
      boolean authorization = name.equalsIgnoreCase("Authorization");
      if (authorization && (!user.isEmpty() || token != null)) {
        throw invalid(
            "headerFiles",
            quote(config.headerFiles() + config.headerEnvs()),
            "an Authorization header is set by basicAuthUser or bearerToken* already: remove one"
                + " of them");
      }
    }
    return new AuthSettings(user.isEmpty() ? null : user, password, token, plain, secret);
  }

  /**
   * Adds the credentials and headers to a request.
   *
   * @throws PrometheusException with error type {@code config} when a secret file can no longer be
   *     read
   */
  void apply(Request.Builder request) throws PrometheusException {
    for (Map.Entry<String, String> header : plainHeaders.entrySet()) {
      request.header(header.getKey(), header.getValue());
    }
    for (Map.Entry<String, Secret> header : secretHeaders.entrySet()) {
      request.header(header.getKey(), header.getValue().value());
    }
    if (basicUser != null) {
      request.header(
          "Authorization",
          Credentials.basic(basicUser, basicPassword.value(), StandardCharsets.UTF_8));
    }
    if (bearerToken != null) {
      request.header("Authorization", "Bearer " + bearerToken.value());
    }
  }

  /**
   * Returns the authentication in use, for logs and messages: the mode and where the secret comes
   * from, never the secret.
   */
  String describe() {
    List<String> parts = new ArrayList<>();
    if (basicUser != null) {
      parts.add(
          "basic authentication as "
              + basicUser
              + " (password from "
              + basicPassword.source()
              + ")");
    }
    if (bearerToken != null) {
      parts.add("bearer token from " + bearerToken.source());
    }
    if (!plainHeaders.isEmpty() || !secretHeaders.isEmpty()) {
      List<String> names = new ArrayList<>(plainHeaders.keySet());
      names.addAll(secretHeaders.keySet());
      parts.add("headers " + String.join(", ", names));
    }
    return parts.isEmpty() ? "no authentication" : String.join("; ", parts);
  }

  /** Returns true when requests carry an Authorization header or a secret header. */
  boolean sendsCredentials() {
    return basicUser != null || bearerToken != null || !secretHeaders.isEmpty();
  }

  private static void checkBasicAuth(String user, Secret password) {
    if (user.isEmpty() && password != null) {
      throw invalid(
          password.key,
          quote(password.source()),
          "basicAuthUser is empty: set it to the user name that goes with the password");
    }
    if (!user.isEmpty() && password == null) {
      throw invalid(
          "basicAuthUser",
          quote(user),
          "basic authentication needs a password: set basicAuthPasswordFile or"
              + " basicAuthPasswordEnv");
    }
    // RFC 7617: the user name ends at the first colon.
    if (user.indexOf(':') >= 0 || Secret.problem(user, false) != null) {
      throw invalid(
          "basicAuthUser", quote(user), "it must not contain a colon or a control character");
    }
  }

  /** Returns the secret one of two alternative keys names, or null when neither is set. */
  private static Secret secret(
      String fileKey,
      String file,
      String envKey,
      String env,
      UnaryOperator<String> environment,
      boolean asciiOnly) {
    String path = file.strip();
    String variable = env.strip();
    if (!path.isEmpty() && !variable.isEmpty()) {
      throw invalid(
          envKey,
          quote(variable),
          fileKey + " is set too: the secret comes from one place, so remove one of them");
    }
    if (!path.isEmpty()) {
      return Secret.fromFile(fileKey, path, asciiOnly);
    }
    if (!variable.isEmpty()) {
      return Secret.fromEnvironment(envKey, variable, environment, asciiOnly);
    }
    return null;
  }

  private static Map<String, String> plainHeaders(String text) {
    Map<String, String> headers = pairs("headers", text);
    for (Map.Entry<String, String> header : headers.entrySet()) {
      String name = header.getKey();
      if (name.equalsIgnoreCase("Authorization") || name.equalsIgnoreCase("Proxy-Authorization")) {
        // The value is a credential: it is not quoted back.
        throw invalid(
            "headers",
            quote(name + ": ***"),
            "credentials must not be written into the configuration: use basicAuthUser with"
                + " basicAuthPasswordFile, bearerTokenFile, or headerFiles with a file that only"
                + " its owner can read");
      }
      String problem = Secret.problem(header.getValue(), true);
      if (problem != null) {
        throw invalid("headers", quote(text), "the value of " + name + " " + problem);
      }
    }
    return headers;
  }

  /**
   * Parses {@code Name: value} pairs separated by semicolons. Empty entries are skipped, so a
   * trailing semicolon is fine.
   */
  private static Map<String, String> pairs(String key, String text) {
    Map<String, String> pairs = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    for (String entry : text.split(";")) {
      if (entry.isBlank()) {
        continue;
      }
      int colon = entry.indexOf(':');
      if (colon < 0) {
        throw invalid(
            key,
            quote(text),
            "each entry must be Name: value, separated by ;, such as X-Scope-OrgID: team-a");
      }
      String name = entry.substring(0, colon).strip();
      String value = entry.substring(colon + 1).strip();
      if (!HEADER_NAME.matcher(name).matches()) {
        throw invalid(key, quote(text), quote(name) + " is not an HTTP header name");
      }
      if (RESERVED_HEADERS.contains(name.toLowerCase(Locale.ROOT))) {
        throw invalid(key, quote(text), "the client sets the " + name + " header itself");
      }
      if (value.isEmpty()) {
        throw invalid(key, quote(text), "the header " + name + " has no value");
      }
      if (pairs.put(name, value) != null) {
        throw invalid(key, quote(text), "the header " + name + " is given twice");
      }
    }
    return pairs;
  }

  private static IllegalArgumentException duplicateHeader(
      String key, String text, String name, String otherKeys) {
    return invalid(
        key, quote(text), "the header " + name + " is also set by " + otherKeys + ": keep one");
  }
}
