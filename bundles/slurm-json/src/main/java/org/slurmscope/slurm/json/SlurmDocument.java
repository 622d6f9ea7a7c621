package org.slurmscope.slurm.json;

import java.util.List;
import java.util.Set;
import org.slurmscope.api.slurm.Job;
import org.slurmscope.api.slurm.Node;
import org.slurmscope.api.slurm.Partition;

/**
 * The decoded content of one Slurm JSON document.
 *
 * @param meta the document's metadata, {@link SlurmMeta#EMPTY} when it had none
 * @param contents which lists the document carried; a list not carried is empty, which is not the
 *     same as a cluster without jobs or nodes
 * @param jobs the jobs, in document order
 * @param nodes the nodes, in document order
 * @param partitions the partitions, in document order
 * @param warnings problems that left the document usable: fields that failed to decode, records
 *     that were skipped and warnings Slurm sent
 */
public record SlurmDocument(
    SlurmMeta meta,
    Set<Content> contents,
    List<Job> jobs,
    List<Node> nodes,
    List<Partition> partitions,
    List<String> warnings) {

  /** The lists a Slurm document can carry. */
  public enum Content {
    JOBS,
    NODES,
    PARTITIONS
  }

  public SlurmDocument {
    contents = Set.copyOf(contents);
    jobs = List.copyOf(jobs);
    nodes = List.copyOf(nodes);
    partitions = List.copyOf(partitions);
    warnings = List.copyOf(warnings);
  }

  /** Returns true when the document carried the given list. */
  public boolean has(Content content) {
    return contents.contains(content);
  }
}
