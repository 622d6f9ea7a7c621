package org.slurmscope.state.internal;

import java.time.Clock;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.UnaryOperator;
import org.slurmscope.api.state.ClusterState;
import org.slurmscope.api.state.ClusterStateListener;

/**
 * Holds the latest {@link ClusterState} and hands every new one to the listeners. Updates from the
 * two poll threads are serialised, so each listener sees generations in increasing order.
 */
final class StatePublisher {

  /** Reports a listener that threw, with the exception; the other listeners still get the state. */
  interface ListenerFailureHandler {
    void failed(ClusterStateListener listener, RuntimeException error);
  }

  private final Clock clock;
  private final List<ClusterStateListener> listeners = new CopyOnWriteArrayList<>();
  private final ListenerFailureHandler failureHandler;

  // guarded by this
  private ClusterState current;

  StatePublisher(Clock clock, ListenerFailureHandler failureHandler) {
    this.clock = clock;
    this.failureHandler = failureHandler;
    this.current = ClusterState.initial(clock.instant());
  }

  synchronized ClusterState current() {
    return current;
  }

  /**
   * Applies a change to the current state, stamps it with the next generation and the time, and
   * delivers it to every listener before returning.
   */
  synchronized ClusterState update(UnaryOperator<ClusterState> change) {
    ClusterState changed = change.apply(current);
    current =
        new ClusterState(
            current.generation() + 1,
            clock.instant(),
            changed.slurm(),
            changed.slurmStatus(),
            changed.metrics(),
            changed.metricStatus());
    for (ClusterStateListener listener : listeners) {
      try {
        listener.stateChanged(current);
      } catch (RuntimeException e) {
        failureHandler.failed(listener, e);
      }
    }
    return current;
  }

  /** Adds a listener and hands it the current state at once, before any later one. */
  synchronized void addListener(ClusterStateListener listener) {
    listeners.add(listener);
    try {
      listener.stateChanged(current);
    } catch (RuntimeException e) {
      failureHandler.failed(listener, e);
    }
  }

  void removeListener(ClusterStateListener listener) {
    listeners.remove(listener);
  }
}
