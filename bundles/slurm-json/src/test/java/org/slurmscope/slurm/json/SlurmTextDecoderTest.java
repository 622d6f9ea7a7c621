package org.slurmscope.slurm.json;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.slurmscope.api.slurm.Job;
import org.slurmscope.api.slurm.Node;
import org.slurmscope.api.slurm.Partition;
import org.slurmscope.api.slurm.TimeLimit;

/**
 * The text forms of squeue, sinfo and scontrol: recordings of Slurm 24.11.7 to 26.05.2 and of the
 * project's Slurm 22.05 test cluster, whose scontrol has no {@code --json}.
 */
class SlurmTextDecoderTest {

  private static final List<String> SINFO_DETAIL =
      List.of(
          "NodeList",
          "AllocMem",
          "Memory",
          "CPUsState",
          "StateLong",
          "Partition",
          "Gres",
          "GresUsed");

  @Test
  void scontrolNodesOfSlurm2411() throws IOException {
    SlurmDocument document =
        SlurmTextDecoder.nodes(text("slurm-cli-text/scontrol-show-nodes-o_slurm-24.11.7.txt"), "t");
    Node na1 = Fixtures.node(document, "na1");

    assertThat(document.nodes())
        .hasSize(
            text("slurm-cli-text/scontrol-show-nodes-o_slurm-24.11.7.txt")
                .strip()
                .split("\n")
                .length);
    assertThat(na1.state().compound()).isEqualTo("MIXED+DYNAMIC_NORM");
    assertThat(na1.cpusAllocated()).isEqualTo(4);
    assertThat(na1.cpusTotal()).isEqualTo(32);
    assertThat(na1.cpuLoad()).isEqualTo(8.62);
    assertThat(na1.memoryTotalMb()).isEqualTo(15867);
    assertThat(na1.memoryAllocatedMb()).isEqualTo(8192);
    assertThat(na1.memoryFreeMb()).isEqualTo(406);
    assertThat(na1.partitions()).containsExactly("cpu", "debug", "high");
    assertThat(document.warnings()).isEmpty();
  }

  @Test
  void scontrolNodesInReservationDrainAndPlanned() throws IOException {
    SlurmDocument document =
        SlurmTextDecoder.nodes(
            text(
                "slurm-cli-text/scontrol-show-nodes-o_slurm-25.11.2_reservation-drain-planned.txt"),
            "t");
    Node c1 = Fixtures.node(document, "c1");
    Node c2 = Fixtures.node(document, "c2");

    assertThat(c1.state().summary()).isEqualTo("DRAINING");
    assertThat(c1.reason()).isEqualTo("planned_maintenance");
    assertThat(c2.state().hasFlag("PLANNED")).isTrue();
    assertThat(c2.state().hasFlag("RESERVED")).isTrue();
    assertThat(c2.state().summary()).isEqualTo("MAINT");
    assertThat(document.warnings()).isEmpty();
  }

  @Test
  void scontrolNodesOfSlurm2605WithGpus() throws IOException {
    SlurmDocument document =
        SlurmTextDecoder.nodes(text("slurm-cli-text/scontrol-show-nodes-o_slurm-26.05.2.txt"), "t");

    assertThat(document.nodes()).hasSize(20);
    assertThat(document.warnings()).isEmpty();
    assertThat(Fixtures.node(document, "na1").memoryAllocatedMb()).isEqualTo(14336);
    List<Node> gpuNodes = document.nodes().stream().filter(n -> n.gpusConfigured().any()).toList();
    assertThat(gpuNodes).hasSize(10);
    assertThat(gpuNodes.get(0).gpusConfigured().count()).isEqualTo(4);
  }

  @Test
  void squeueWithTresAllocOfSlurm2605() throws IOException {
    List<String> fields =
        List.of(
            "JobID",
            "Account",
            "UserName",
            "Partition",
            "State",
            "NumNodes",
            "NumCPUs",
            "tres-alloc");
    SlurmDocument document =
        SlurmTextDecoder.squeue(
            text("slurm-cli-text/squeue-O-pipe_slurm-26.05.2_jobs-with-tres-alloc.txt"),
            fields,
            ZoneOffset.UTC,
            "t");
    Job six = Fixtures.job(document, "6");

    assertThat(document.jobs()).hasSize(14);
    assertThat(document.jobs().stream().filter(job -> job.state().isPending()).count())
        .isEqualTo(6);
    assertThat(six.user()).isEqualTo("user4");
    assertThat(six.account()).isEqualTo("ml_group");
    assertThat(six.partition()).isEqualTo("cpu");
    assertThat(six.cpus()).isEqualTo(4);
    assertThat(six.nodeCount()).isEqualTo(1);
    assertThat(six.gpus().any()).isFalse();
    assertThat(document.warnings()).isEmpty();
  }

  @Test
  void sinfoNodeRowsMarkTheDefaultPartition() throws IOException {
    // C02: cpu* is the default partition; nodes list it as cpu.
    String rows =
        text("slurm-cli-text/sinfo-N-O_slurm-26.05.2_node-detail_default-partition-star.txt");
    SlurmDocument document = SlurmTextDecoder.sinfoNodes(rows, SINFO_DETAIL, " ", "t");
    Node na1 = Fixtures.node(document, "na1");
    Node nb9 = Fixtures.node(document, "nb9");

    assertThat(document.nodes()).hasSize(20);
    assertThat(na1.partitions()).containsExactly("cpu", "debug", "high");
    assertThat(na1.cpusAllocated()).isEqualTo(8);
    assertThat(na1.cpusTotal()).isEqualTo(32);
    assertThat(na1.memoryAllocatedMb()).isEqualTo(14336);
    assertThat(nb9.gpusConfigured().describe()).isEqualTo("model_a:2,model_b:2");
    assertThat(nb9.gpusAllocated().any()).isFalse();
    assertThat(SlurmTextDecoder.defaultPartition(column(rows, 5))).isEqualTo("cpu");
  }

  @Test
  void sinfoNodeWithTwoGpuTypesInUse() throws IOException {
    SlurmDocument document =
        SlurmTextDecoder.sinfoNodes(
            text("slurm-cli-text/sinfo-N-O_slurm-25.11.2_gres-multitype.txt"),
            SINFO_DETAIL,
            " ",
            "t");
    Node g2 = Fixtures.node(document, "g2");

    assertThat(g2.gpusConfigured().count()).isEqualTo(4);
    assertThat(g2.gpusAllocated().count()).isEqualTo(1);
    assertThat(g2.gpusAllocated().types()).containsExactly(Map.entry("model_b", 1));
    assertThat(g2.gpusAllocated().indexes()).containsExactly(2);
    assertThat(g2.state().compound()).isEqualTo("MIXED");
  }

  @Test
  void sinfoNodeRepeatedPerPartitionCountsOnce() throws IOException {
    SlurmDocument document =
        SlurmTextDecoder.sinfoNodes(
            text("slurm-cli-text/sinfo-N-O_mem_cpustate.txt"),
            List.of("NodeList", "AllocMem", "Memory", "CPUsState", "StateLong"),
            " ",
            "t");

    assertThat(document.nodes())
        .extracting(Node::name)
        .containsExactly("a048", "a049", "a050", "a051", "a052", "b001", "b002", "b003");
    assertThat(Fixtures.node(document, "b003").cpusAllocated()).isEqualTo(29);
    assertThat(Fixtures.node(document, "a052").memoryAllocatedMb()).isZero();
  }

  @Test
  void captureCommandsNameTheFormsThisDecoderReads() throws IOException {
    String commands = text("slurm-cli-text/capture-commands_slurm-26.05.2_provenance.txt");

    assertThat(commands).contains("scontrol show nodes -o");
    assertThat(commands)
        .contains(
            "sinfo -h -N -O NodeList: ,AllocMem: ,Memory: ,CPUsState: ,StateLong: ,Partition: ,Gres: ,GresUsed:");
    assertThat(commands).contains("slurm 26.05.2");
  }

  @Test
  void partitionsOfSlurm2205FromScontrolText() throws IOException {
    SlurmDocument document =
        SlurmTextDecoder.partitions(text("same-moment-22.05/scontrol-o-show-partitions.txt"), "t");
    Partition debug = Fixtures.partition(document, "debug");
    Partition batch = Fixtures.partition(document, "batch");

    assertThat(document.partitions())
        .extracting(Partition::name)
        .containsExactly("debug", "batch", "gpu", "long");
    assertThat(debug.isDefault()).isTrue();
    assertThat(batch.isDefault()).isFalse();
    assertThat(debug.nodes()).isEqualTo("node[01-03]");
    assertThat(debug.totalCpus()).isEqualTo(24);
    assertThat(debug.totalNodes()).isEqualTo(3);
    assertThat(debug.maxTime()).isEqualTo(TimeLimit.ofMinutes(60));
    assertThat(batch.maxTime()).isEqualTo(TimeLimit.ofMinutes(2 * 1440));
    assertThat(Fixtures.partition(document, "long").state()).isEqualTo("DOWN");
    assertThat(SlurmTextDecoder.defaultPartition(text("same-moment-22.05/sinfo-h-o-P.txt")))
        .isEqualTo("debug");
  }

  @Test
  void squeueTextAndJsonOfOneMomentAgree() throws IOException {
    SlurmDocument text =
        SlurmTextDecoder.squeue(
            text("same-moment-22.05/squeue-h-t-all-O.txt"),
            SlurmTextDecoder.SQUEUE_FIELDS,
            ZoneOffset.UTC,
            "t");
    SlurmDocument json = Fixtures.decode("same-moment-22.05/squeue.json");

    assertThat(text.warnings()).isEmpty();
    // squeue's text names no GPU type where TRES carries no GPUs, and counts a CPU for a job
    // cancelled before it started; everything else is the same.
    Map<String, String> textRows = SameClusterTest.jobRows(text);
    Map<String, String> jsonRows = SameClusterTest.jobRows(json);
    assertThat(textRows.keySet()).isEqualTo(jsonRows.keySet());
    for (String id : jsonRows.keySet()) {
      if (!id.equals("5") && !id.equals("10")) {
        assertThat(textRows.get(id)).as("job %s", id).isEqualTo(jsonRows.get(id));
      }
    }
    assertThat(Fixtures.job(text, "10").gpus().count()).isEqualTo(1);
    assertThat(Fixtures.job(json, "10").gpus().describe()).isEqualTo("a100:1");
    assertThat(Fixtures.job(json, "10").gpus().indexes()).containsExactly(0);
    assertThat(Fixtures.job(text, "5").state().compound()).isEqualTo("CANCELLED");
    Job pending = Fixtures.job(text, "11");
    assertThat(pending.estimatedStart()).isEqualTo(Instant.parse("2026-12-05T21:48:14Z"));
    assertThat(pending.scheduledNodes()).isEqualTo("node01");
    assertThat(Fixtures.job(text, "8_[3-6%2]").arrayTaskId()).isEqualTo("3-6%2");
  }

  @Test
  void scontrolNodesTextAndSinfoJsonOfOneMomentAgree() throws IOException {
    SlurmDocument text =
        SlurmTextDecoder.nodes(text("same-moment-22.05/scontrol-o-d-show-nodes.txt"), "t");
    SlurmDocument json = Fixtures.decode("same-moment-22.05/sinfo.json");

    assertThat(SameClusterTest.nodeRows(text)).isEqualTo(SameClusterTest.nodeRows(json));
  }

  @Test
  void squeueFormatAsksForEveryFieldWithSeparators() {
    assertThat(SlurmTextDecoder.squeueFormat())
        .startsWith("JobID:|,ArrayJobID:|,ArrayTaskID:|,")
        .endsWith(",MinMemory:|,Name:|");
  }

  private static String column(String rows, int index) {
    StringBuilder column = new StringBuilder();
    for (String row : rows.split("\n")) {
      if (!row.isBlank()) {
        column.append(row.strip().split("\\s+")[index]).append('\n');
      }
    }
    return column.toString();
  }

  static String textUnchecked(String resource) {
    try {
      return text(resource);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  static String text(String resource) throws IOException {
    try (InputStream in = Fixtures.open(resource)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
