package org.slurmscope.api.slurm;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * A place SLURM data comes from: the command line tools, slurmrestd or the demo cluster.
 *
 * <p>Implementations register as an OSGi service with the {@link #PROPERTY_SOURCE} property; the
 * state component picks one by a reference target such as {@code (source=cli)}. {@link #fetch()} is
 * called from one poll thread at a time and may block for as long as the source needs.
 */
@ConsumerType
public interface SlurmSource {

  /** Service property naming the kind of source: {@code cli}, {@code rest} or {@code demo}. */
  String PROPERTY_SOURCE = "source";

  /**
   * Fetches the current jobs, nodes and partitions.
   *
   * @throws SlurmSourceException when no usable snapshot could be built; the message names the
   *     command or endpoint and what to do
   * @throws InterruptedException when the polling thread is interrupted while waiting
   */
  SlurmSnapshot fetch() throws SlurmSourceException, InterruptedException;
}
