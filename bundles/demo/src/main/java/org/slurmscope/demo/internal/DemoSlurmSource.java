package org.slurmscope.demo.internal;

import java.time.Instant;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slurmscope.api.slurm.SlurmSnapshot;
import org.slurmscope.api.slurm.SlurmSource;

/** The SLURM source of {@code --demo}: the shared demo cluster as it is at the wall-clock time. */
@Component(service = SlurmSource.class, property = SlurmSource.PROPERTY_SOURCE + "=demo")
public final class DemoSlurmSource implements SlurmSource {

  // Package-private so that tests can set it without a framework.
  @Reference DemoClusterProvider provider;

  @Override
  public SlurmSnapshot fetch() throws InterruptedException {
    provider.simulateLatency();
    return provider.cluster().snapshotAt(Instant.now());
  }
}
