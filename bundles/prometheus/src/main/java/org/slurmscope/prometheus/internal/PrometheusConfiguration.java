package org.slurmscope.prometheus.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * Configuration of the Prometheus client, PID {@code org.slurmscope.prometheus}. The rules of each
 * key are checked by {@link ClientSettings#validate}; docs/prometheus.md is the reference.
 */
@ObjectClassDefinition(
    id = PrometheusConfiguration.PID,
    name = "slurmscope Prometheus client",
    description =
        "Which Prometheus-compatible server to query, how to authenticate, and how hard the client"
            + " may press on it")
@interface PrometheusConfiguration {

  /** Name of the configuration PID, for messages. */
  String PID = "org.slurmscope.prometheus";

  @AttributeDefinition(
      description =
          "Base URL of the Prometheus HTTP API, without /api/v1 and without a query string, for"
              + " example http://localhost:9090 or https://metrics.example.org/prometheus.")
  String url() default "http://localhost:9090";

  // --- Timeouts

  @AttributeDefinition(
      description = "Maximum time in milliseconds to open a TCP (and TLS) connection; positive.")
  int connectTimeoutMillis() default 2000;

  @AttributeDefinition(
      description =
          "Maximum time in milliseconds to wait for the next bytes of a response; positive.")
  int readTimeoutMillis() default 10000;

  @AttributeDefinition(
      description =
          "Maximum time in milliseconds for one attempt of a request, from connecting to the last"
              + " byte of the response; positive.")
  int callTimeoutMillis() default 15000;

  // --- Retries and circuit breaker

  @AttributeDefinition(
      description =
          "Attempts of one request, the first included, 1 to 10. Only refused or reset"
              + " connections, timeouts and HTTP 502, 503, 504 and 429 are retried.")
  int retryMaxAttempts() default ClientSettings.Retry.DEFAULT_MAX_ATTEMPTS;

  @AttributeDefinition(
      description =
          "Milliseconds before the first retry, 1 to 60000; each later retry waits twice as long,"
              + " with random jitter.")
  int retryInitialBackoffMillis() default ClientSettings.Retry.DEFAULT_INITIAL_BACKOFF_MILLIS;

  @AttributeDefinition(
      description =
          "Maximum milliseconds between two attempts, from retryInitialBackoffMillis to 300000.")
  int retryMaxBackoffMillis() default ClientSettings.Retry.DEFAULT_MAX_BACKOFF_MILLIS;

  @AttributeDefinition(
      description =
          "Failed attempts in a row (no connection, timeout, HTTP 502, 503 or 504) after which the"
              + " client stops sending requests for breakerOpenSeconds, 1 to 1000.")
  int breakerFailureThreshold() default ClientSettings.Breaker.DEFAULT_FAILURE_THRESHOLD;

  @AttributeDefinition(
      description =
          "Seconds the client sends no request after the breaker opened; then one request probes"
              + " the server. 1 to 3600.")
  int breakerOpenSeconds() default ClientSettings.Breaker.DEFAULT_OPEN_SECONDS;

  // --- Limits

  @AttributeDefinition(
      description = "Maximum requests in flight at once from this console, 1 to 64.")
  int maxConcurrentRequests() default ClientSettings.Limits.DEFAULT_MAX_CONCURRENT_REQUESTS;

  @AttributeDefinition(
      description =
          "Maximum requests per second from this console, retries included; 0.01 to 1000. Bursts"
              + " of up to one second's worth are sent at once.")
  double maxRequestsPerSecond() default ClientSettings.Limits.DEFAULT_MAX_REQUESTS_PER_SECOND;

  @AttributeDefinition(
      description =
          "Maximum size in bytes of one response body, 1024 to 1073741824; a larger response fails"
              + " the request.")
  int maxResponseBytes() default ClientSettings.Limits.DEFAULT_MAX_RESPONSE_BYTES;

  // --- Authentication

  @AttributeDefinition(
      description =
          "User name for HTTP basic authentication; needs basicAuthPasswordFile or"
              + " basicAuthPasswordEnv.")
  String basicAuthUser() default "";

  @AttributeDefinition(
      description =
          "File that contains the basic authentication password; it must not be readable by other"
              + " users.")
  String basicAuthPasswordFile() default "";

  @AttributeDefinition(
      description = "Environment variable that contains the basic authentication password.")
  String basicAuthPasswordEnv() default "";

  @AttributeDefinition(
      description =
          "File that contains a bearer token, sent as Authorization: Bearer; it must not be"
              + " readable by other users. Re-read when it changes.")
  String bearerTokenFile() default "";

  @AttributeDefinition(description = "Environment variable that contains a bearer token.")
  String bearerTokenEnv() default "";

  @AttributeDefinition(
      description =
          "Extra request headers that are not secret, as Name: value pairs separated by ;, for"
              + " example X-Scope-OrgID: team-a.")
  String headers() default "";

  @AttributeDefinition(
      description =
          "Secret request headers, each read from a file: Name: /path pairs separated by ;. The"
              + " files must not be readable by other users.")
  String headerFiles() default "";

  @AttributeDefinition(
      description =
          "Secret request headers, each read from an environment variable: Name: VARIABLE pairs"
              + " separated by ;.")
  String headerEnvs() default "";

  // --- TLS

  @AttributeDefinition(
      description =
          "PEM file of the certificate authorities trusted for the server's certificate, instead"
              + " of the system's; empty trusts the Java runtime's default authorities.")
  String tlsCaFile() default "";

  @AttributeDefinition(
      description = "PEM file of the client certificate (and its chain) for mutual TLS.")
  String tlsCertFile() default "";

  @AttributeDefinition(
      description =
          "PEM file of the client certificate's private key (PKCS#8, PKCS#1 RSA or SEC1 EC, not"
              + " encrypted); it must not be readable by other users.")
  String tlsKeyFile() default "";

  @AttributeDefinition(
      description =
          "Accept any server certificate and host name. Only for tests: the connection can then"
              + " be intercepted. A warning is logged each time the client starts.")
  boolean tlsInsecureSkipVerify() default false;

  // --- Audit log

  @AttributeDefinition(
      description =
          "Write one line per request: time, endpoint, query, duration, status and series count.")
  boolean auditLog() default false;

  @AttributeDefinition(
      description =
          "File the audit lines are appended to; empty writes them to the slurmscope log at INFO"
              + " level.")
  String auditLogFile() default "";
}
