package org.slurmscope.api.metrics;

import java.util.Set;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * A place metrics come from: Prometheus through the query catalogue, or the demo cluster.
 *
 * <p>Implementations register as an OSGi service with the {@link #PROPERTY_SOURCE} property; the
 * state component picks one by a reference target such as {@code (source=prometheus)}.
 */
@ConsumerType
public interface MetricSource {

  /** Service property naming the kind of source: {@code prometheus} or {@code demo}. */
  String PROPERTY_SOURCE = "source";

  /**
   * Fetches the named metrics for the whole cluster. The number of requests a source makes may grow
   * with the number of metrics, never with the number of nodes or jobs. A metric the source does
   * not know, or one whose query failed, goes into {@link MetricSnapshot#errors()}; the others are
   * still returned.
   *
   * @throws MetricSourceException when the source as a whole is unreachable
   * @throws InterruptedException when the polling thread is interrupted while waiting
   */
  MetricSnapshot fetch(Set<String> metrics) throws MetricSourceException, InterruptedException;
}
