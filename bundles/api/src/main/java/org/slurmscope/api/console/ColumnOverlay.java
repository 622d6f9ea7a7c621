package org.slurmscope.api.console;

import java.util.List;
import java.util.Set;
import org.osgi.annotation.versioning.ConsumerType;
import org.slurmscope.api.slurm.Job;
import org.slurmscope.api.slurm.Node;

/**
 * Extra columns that a bundle lays over the console's tables, for example metrics next to each
 * node. Register an implementation as an OSGi service (whiteboard): its columns appear while the
 * service is registered and disappear when it goes. The metrics it declares are fetched on each
 * metric refresh.
 */
@ConsumerType
public interface ColumnOverlay {

  /** Row kind of the nodes view. */
  String NODES = "nodes";

  /** Row kind of the jobs view. */
  String JOBS = "jobs";

  /** Returns a short identifier, unique among overlays, for example {@code nodes-metrics}. */
  String id();

  /** Returns the metric names the columns read, for example {@code node.cpu.percent}. */
  Set<String> metrics();

  /** Returns the columns added to the nodes view, in display order. */
  default List<Column<Node>> nodeColumns() {
    return List.of();
  }

  /** Returns the columns added to the jobs view, in display order. */
  default List<Column<Job>> jobColumns() {
    return List.of();
  }
}
