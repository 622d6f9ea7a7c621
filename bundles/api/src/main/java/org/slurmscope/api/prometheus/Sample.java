package org.slurmscope.api.prometheus;

import java.util.Map;

/**
 * One sample of an instant vector or a scalar.
 *
 * @param labels the series' labels, {@code __name__} included when the server sent it
 * @param timestampSeconds the sample time in Unix seconds, with the fraction Prometheus sent
 * @param value the sample value; {@code NaN} and infinities are kept as Prometheus sent them
 */
public record Sample(Map<String, String> labels, double timestampSeconds, double value) {

  public Sample {
    labels = Map.copyOf(labels);
  }
}
