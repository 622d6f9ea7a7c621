package org.slurmscope.slurm.json;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.slurmscope.api.slurm.Job;
import org.slurmscope.api.slurm.Node;
import org.slurmscope.api.slurm.Partition;

/**
 * One cluster read through different sources and API versions renders the same jobs and nodes.
 *
 * <p>{@code same-moment-24.11/} and {@code same-moment-22.05/} were recorded within one second on
 * the project's two test clusters: slurmrestd through every API version it serves, and the command
 * line tools. {@code slurmrestd/v0.0.41_slurm-25.11.0} and {@code v0.0.44_slurm-25.11.0} are one
 * Slurm 25.11 cluster read through two API versions at different times, so only what does not
 * change with time is compared there.
 */
class SameClusterTest {

  @Test
  void slurmrestdOf2411RendersTheSameJobsThroughThreeApiVersions() {
    Map<String, String> v40 = jobRows(Fixtures.decode("same-moment-24.11/rest-v0.0.40-jobs.json"));
    Map<String, String> v41 = jobRows(Fixtures.decode("same-moment-24.11/rest-v0.0.41-jobs.json"));
    Map<String, String> v42 = jobRows(Fixtures.decode("same-moment-24.11/rest-v0.0.42-jobs.json"));

    assertThat(v40).hasSize(19);
    assertThat(v41).isEqualTo(v40);
    assertThat(v42).isEqualTo(v40);
  }

  @Test
  void slurmrestdAndSqueueOf2411RenderTheSameJobs() {
    Map<String, String> rest = jobRows(Fixtures.decode("same-moment-24.11/rest-v0.0.42-jobs.json"));
    Map<String, String> cli = jobRows(Fixtures.decode("same-moment-24.11/squeue-t-all.json"));

    assertThat(cli).isEqualTo(rest);
  }

  @Test
  void squeueWithoutStateFilterLeavesFinishedJobsOutOn2411() {
    Map<String, String> all = jobRows(Fixtures.decode("same-moment-24.11/squeue-t-all.json"));
    Map<String, String> plain = jobRows(Fixtures.decode("same-moment-24.11/squeue.json"));

    assertThat(all).containsAllEntriesOf(plain);
    assertThat(all.size() - plain.size()).isEqualTo(8);
    assertThat(all.get("2")).startsWith("FAILED|");
    assertThat(plain).doesNotContainKey("2");
  }

  @Test
  void slurmrestdAndScontrolOf2411RenderTheSameNodes() {
    Map<String, String> v40 =
        nodeRows(Fixtures.decode("same-moment-24.11/rest-v0.0.40-nodes.json"));
    Map<String, String> v41 =
        nodeRows(Fixtures.decode("same-moment-24.11/rest-v0.0.41-nodes.json"));
    Map<String, String> v42 =
        nodeRows(Fixtures.decode("same-moment-24.11/rest-v0.0.42-nodes.json"));
    Map<String, String> cli =
        nodeRows(Fixtures.decode("same-moment-24.11/scontrol-show-nodes.json"));

    assertThat(v40.keySet()).containsExactly("cn01", "cn02", "cn03", "cn04", "cn05", "cn06");
    assertThat(v41).isEqualTo(v40);
    assertThat(v42).isEqualTo(v40);
    assertThat(cli).isEqualTo(v40);
    assertThat(v40.get("cn05")).contains("|a100:2|1|");
  }

  @Test
  void slurmrestdAndScontrolOf2411RenderTheSamePartitions() {
    List<String> rest =
        partitionRows(Fixtures.decode("same-moment-24.11/rest-v0.0.42-partitions.json"));
    List<String> v40 =
        partitionRows(Fixtures.decode("same-moment-24.11/rest-v0.0.40-partitions.json"));
    List<String> cli =
        partitionRows(Fixtures.decode("same-moment-24.11/scontrol-show-partitions.json"));
    List<String> text =
        partitionRows(
            SlurmTextDecoder.partitions(
                SlurmTextDecoderTest.textUnchecked(
                    "same-moment-24.11/scontrol-o-show-partitions.txt"),
                "t"));

    assertThat(rest).hasSize(4);
    assertThat(v40).isEqualTo(rest);
    assertThat(cli).isEqualTo(rest);
    // The text form also says which partition is the default; JSON from 23.02 on does not.
    assertThat(text.stream().map(row -> row.replace("|default", "")).toList()).isEqualTo(rest);
    assertThat(text.get(0)).startsWith("debug|default|UP");
  }

  @Test
  void slurmrestdAndCommandLineOf2205RenderTheSameJobsAndNodes() {
    assertThat(jobRows(Fixtures.decode("same-moment-22.05/rest-v0.0.38-jobs.json")))
        .isEqualTo(jobRows(Fixtures.decode("same-moment-22.05/squeue.json")))
        .hasSize(19);
    assertThat(nodeRows(Fixtures.decode("same-moment-22.05/rest-v0.0.38-nodes.json")))
        .isEqualTo(nodeRows(Fixtures.decode("same-moment-22.05/sinfo.json")))
        .hasSize(6);
  }

  @Test
  void partitionsOf2205FromSlurmrestdAndScontrolText() {
    List<String> rest =
        partitionRows(Fixtures.decode("same-moment-22.05/rest-v0.0.38-partitions.json"));
    List<String> text =
        partitionRows(
            SlurmTextDecoder.partitions(
                SlurmTextDecoderTest.textUnchecked(
                    "same-moment-22.05/scontrol-o-show-partitions.txt"),
                "t"));

    // v0.0.38 still flags the default partition.
    assertThat(text).isEqualTo(rest);
    assertThat(rest.get(0)).isEqualTo("debug|default|UP|node[01-03]|3|24|60");
  }

  @Test
  void nodesOfOneSlurm2511ClusterThroughV0041AndV0044() {
    List<String> v41 =
        nodeConfiguration(Fixtures.decode("slurmrestd/v0.0.41_slurm-25.11.0/slurm-nodes.json"));
    List<String> v44 =
        nodeConfiguration(Fixtures.decode("slurmrestd/v0.0.44_slurm-25.11.0/slurm-nodes.json"));

    assertThat(v44).isEqualTo(v41);
    assertThat(v41).contains("gpu1|gpu1|32|h100:4", "gpu3|gpu3|32|4");
  }

  @Test
  void jobsOfOneSlurm2511ClusterThroughV0041AndV0044DecodeAlike() {
    SlurmDocument v41 = Fixtures.decode("slurmrestd/v0.0.41_slurm-25.11.0/slurm-jobs.json");
    SlurmDocument v44 = Fixtures.decode("slurmrestd/v0.0.44_slurm-25.11.0/slurm-jobs.json");
    Job running41 = Fixtures.job(v41, "16");
    Job running44 = Fixtures.job(v44, "5748");

    assertThat(v41.warnings()).isEmpty();
    assertThat(v44.warnings()).isEmpty();
    assertThat(running41.state().compound()).isEqualTo(running44.state().compound());
    assertThat(running41.hosts()).isEqualTo(List.of("cn3"));
    assertThat(running44.hosts()).isEqualTo(List.of("cn1"));
    assertThat(running41.exitCode()).isEqualTo(running44.exitCode());
    assertThat(Fixtures.job(v41, "17").estimatedStart()).isNotNull();
    assertThat(Fixtures.job(v44, "5750").estimatedStart()).isNotNull();
  }

  /**
   * Renders each job as one line of what a view shows: id, state, user, partition, name, times,
   * limit, nodes, counts, GPUs and hosts. Memory is left out, because squeue's text does not say
   * whether it is per node or per CPU; the reason, because squeue's text prints its description.
   */
  static Map<String, String> jobRows(SlurmDocument document) {
    Map<String, String> rows = new TreeMap<>();
    for (Job job : document.jobs()) {
      rows.put(
          job.id(),
          String.join(
              "|",
              job.state().compound(),
              blank(job.user()),
              blank(job.partition()),
              blank(job.name()),
              epoch(job.submitTime()),
              epoch(job.startTime()),
              epoch(job.endTime()),
              job.timeLimit() == null ? "" : job.timeLimit().toString(),
              blank(job.nodes()),
              String.valueOf(job.nodeCount()),
              String.valueOf(job.cpus()),
              job.gpus().describe(),
              String.join(",", job.hosts()),
              String.valueOf(job.arrayJobId())));
    }
    return rows;
  }

  /** Renders each node's name, state, partitions, CPUs, memory and GPUs. */
  static Map<String, String> nodeRows(SlurmDocument document) {
    Map<String, String> rows = new TreeMap<>();
    for (Node node : document.nodes()) {
      rows.put(
          node.name(),
          String.join(
              "|",
              node.state().compound(),
              String.join(",", node.partitions()),
              node.cpusAllocated() + "/" + node.cpusTotal(),
              node.memoryAllocatedMb() + "/" + node.memoryTotalMb(),
              node.gpusConfigured().describe(),
              String.valueOf(node.gpusAllocated().count()),
              blank(node.reason())));
    }
    return rows;
  }

  static List<String> partitionRows(SlurmDocument document) {
    List<String> rows = new ArrayList<>();
    for (Partition partition : document.partitions()) {
      List<String> fields = new ArrayList<>();
      fields.add(partition.name());
      if (partition.isDefault()) {
        fields.add("default");
      }
      fields.add(blank(partition.state()));
      fields.add(blank(partition.nodes()));
      fields.add(String.valueOf(partition.totalNodes()));
      fields.add(String.valueOf(partition.totalCpus()));
      fields.add(
          partition.maxTime() == null || !partition.maxTime().isFinite()
              ? String.valueOf(partition.maxTime())
              : Long.toString(partition.maxTime().minutes()));
      rows.add(String.join("|", fields));
    }
    return rows;
  }

  private static List<String> nodeConfiguration(SlurmDocument document) {
    return document.nodes().stream()
        .map(
            node ->
                String.join(
                    "|",
                    node.name(),
                    blank(node.hostname()),
                    String.valueOf(node.cpusTotal()),
                    node.gpusConfigured().describe()))
        .toList();
  }

  private static String blank(String text) {
    return Objects.requireNonNullElse(text, "");
  }

  private static String epoch(Instant instant) {
    return instant == null ? "" : Long.toString(instant.getEpochSecond());
  }
}
