package org.slurmscope.api.state;

import org.osgi.annotation.versioning.ProviderType;

/** The state component's service: the latest cluster state, and a way to ask for a fresh one. */
@ProviderType
public interface ClusterStateService {

  /** Returns the latest state; never null. */
  ClusterState current();

  /**
   * Asks every source to poll now instead of waiting for its next interval. Returns at once; the
   * new state reaches listeners when the polls complete.
   */
  void refreshNow();
}
