package org.slurmscope.demo.internal;

import java.time.Instant;
import java.util.Set;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slurmscope.api.metrics.MetricSnapshot;
import org.slurmscope.api.metrics.MetricSource;

/**
 * The metric source of {@code --demo}: node metrics of the shared demo cluster at the wall-clock
 * time. It provides {@link DemoCluster#METRICS}; other names get an error entry.
 */
@Component(service = MetricSource.class, property = MetricSource.PROPERTY_SOURCE + "=demo")
public final class DemoMetricSource implements MetricSource {

  // Package-private so that tests can set it without a framework.
  @Reference DemoClusterProvider provider;

  @Override
  public MetricSnapshot fetch(Set<String> metrics) throws InterruptedException {
    provider.simulateLatency();
    return provider.cluster().metricsAt(Instant.now(), metrics);
  }
}
