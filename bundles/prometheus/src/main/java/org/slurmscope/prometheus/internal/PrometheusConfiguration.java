package org.slurmscope.prometheus.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Configuration of the Prometheus client, PID {@code org.slurmscope.prometheus}. */
@ObjectClassDefinition(
    id = PrometheusConfiguration.PID,
    name = "slurmscope Prometheus client",
    description = "Which Prometheus-compatible server to query, and how long to wait for it")
@interface PrometheusConfiguration {

  /** Name of the configuration PID, for messages. */
  String PID = "org.slurmscope.prometheus";

  @AttributeDefinition(
      description =
          "Base URL of the Prometheus HTTP API, without /api/v1 and without a query string, for"
              + " example http://localhost:9090 or https://metrics.example.org/prometheus.")
  String url() default "http://localhost:9090";

  @AttributeDefinition(
      description = "Maximum time in milliseconds to open a TCP (and TLS) connection; positive.")
  int connectTimeoutMillis() default 2000;

  @AttributeDefinition(
      description =
          "Maximum time in milliseconds to wait for the next bytes of a response; positive.")
  int readTimeoutMillis() default 10000;

  @AttributeDefinition(
      description =
          "Maximum time in milliseconds for a whole request, from connecting to the last byte of"
              + " the response; positive.")
  int callTimeoutMillis() default 15000;
}
