package org.slurmscope.api.state;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Receives every new {@link ClusterState}. Register an implementation as an OSGi service
 * (whiteboard); the state component calls it on its own poll threads, so an implementation returns
 * quickly and hands rendering to its own thread.
 */
@ConsumerType
public interface ClusterStateListener {

  /** Called after a poll of any source produced a new state. */
  void stateChanged(ClusterState state);
}
