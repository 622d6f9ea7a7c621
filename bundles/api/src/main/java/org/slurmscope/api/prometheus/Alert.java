package org.slurmscope.api.prometheus;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * One active alert of {@code /api/v1/alerts}.
 *
 * @param labels the alert's labels, {@code alertname} included
 * @param annotations the alert's annotations, such as {@code summary}
 * @param state {@code pending} or {@code firing}
 * @param activeAt when the alert became active, or null when the server did not say
 * @param value the value of the rule's expression when it was last evaluated; NaN when the server
 *     did not send it
 * @since 1.1.0
 */
public record Alert(
    Map<String, String> labels,
    Map<String, String> annotations,
    String state,
    Instant activeAt,
    double value) {

  public Alert {
    labels = Map.copyOf(labels);
    annotations = Map.copyOf(annotations);
    Objects.requireNonNull(state, "state");
  }
}
