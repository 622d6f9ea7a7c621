package org.slurmscope.slurm.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.slurmscope.slurm.json.Fixtures.decode;
import static org.slurmscope.slurm.json.Fixtures.node;

import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.slurmscope.api.slurm.Node;
import org.slurmscope.api.slurm.NodeState;
import org.slurmscope.api.slurm.SlurmSourceException;
import org.slurmscope.slurm.json.SlurmDocument.Content;

/**
 * Node lists: sinfo --json of Slurm 21.08 and 22.05, sinfo -N --json of 23.02 and scontrol show
 * nodes --json of 24.11.
 */
class NodeJsonTest {

  private static final String SLURM_21_08 =
      "slurm-cli-json/nodes-json_slurm-21.08.5_openapi-v0.0.37_fqdn-node-names.json";
  private static final String SLURM_23_02_SINFO_N =
      "slurm-cli-json/sinfo-N-json_slurm-23.02.5_data_parser-v0.0.39.json";
  private static final String SLURM_22_05 = "testbed-22.05/sinfo.json";
  private static final String SLURM_24_11 = "testbed-24.11/scontrol-show-nodes.json";

  @Test
  void slurm2108LowerCaseStatesBecomeUpperCase() {
    SlurmDocument document = decode(SLURM_21_08);

    assertThat(document.nodes())
        .extracting(node -> node.state().compound())
        .containsExactly("MIXED", "IDLE", "ALLOCATED", "DOWN");
    assertThat(document.meta().slurmVersion()).isEqualTo("21.08.5");
    assertThat(document.meta().apiVersion()).isEqualTo("v0.0.37");
    assertThat(document.warnings()).isEmpty();
  }

  @Test
  void slurm2108NodeWithFullyQualifiedName() {
    Node node = node(decode(SLURM_21_08), "cs2.example.company.com");

    assertThat(node.hostname()).isEqualTo("cs2.example.company.com");
    assertThat(node.partitions()).containsExactly("hw");
    assertThat(node.cpusAllocated()).isEqualTo(4);
    assertThat(node.cpusTotal()).isEqualTo(64);
    assertThat(node.memoryAllocatedMb()).isEqualTo(114688L);
    assertThat(node.memoryTotalMb()).isEqualTo(500000L);
    assertThat(node.memoryFreeMb()).isEqualTo(337330L);
    // cpu_load is the load average times 100.
    assertThat(node.cpuLoad()).isEqualTo(0.01);
  }

  @Test
  void slurm2205ListsSixNodes() {
    SlurmDocument document = decode(SLURM_22_05);

    assertThat(document.nodes())
        .extracting(Node::name)
        .containsExactly("node01", "node02", "node03", "node04", "node05", "node06");
    assertThat(document.has(Content.NODES)).isTrue();
    assertThat(document.has(Content.PARTITIONS)).isFalse();
    assertThat(document.meta().slurmVersion()).isEqualTo("22.05.8");
    assertThat(document.warnings()).isEmpty();
  }

  @Test
  void slurm2205DrainFlagComesFromStateFlags() {
    Node node = node(decode(SLURM_22_05), "node04");

    assertThat(node.state()).isEqualTo(new NodeState("IDLE", List.of("DRAIN")));
    assertThat(node.state().summary()).isEqualTo("DRAINED");
    assertThat(node.reason()).isEqualTo("testbed: maintenance");
    assertThat(node.gres()).isEqualTo("gpu:a100:2");
    assertThat(node.partitions()).containsExactly("batch", "gpu");
  }

  @Test
  void slurm2205DownNodeSentinelsAreAbsent() {
    Node node = node(decode(SLURM_22_05), "node06");

    assertThat(node.state()).isEqualTo(new NodeState("DOWN", List.of("NOT_RESPONDING")));
    assertThat(node.reason()).isEqualTo("testbed: powered off (no slurmd)");
    // free_memory -2 and cpu_load 4294967294 are NO_VAL, not values.
    assertThat(node.memoryFreeMb()).isNull();
    assertThat(node.cpuLoad()).isNull();
    assertThat(node.cpusTotal()).isEqualTo(4);
    assertThat(node.invalidFields()).isEmpty();
  }

  @Test
  void slurm2205AllocatedNodeFigures() {
    Node node = node(decode(SLURM_22_05), "node01");

    assertThat(node.state()).isEqualTo(NodeState.of("ALLOCATED"));
    assertThat(node.cpusAllocated()).isEqualTo(8);
    assertThat(node.cpusTotal()).isEqualTo(8);
    assertThat(node.memoryAllocatedMb()).isEqualTo(2048L);
    assertThat(node.memoryTotalMb()).isEqualTo(16000L);
    assertThat(node.memoryFreeMb()).isEqualTo(22741L);
    assertThat(node.cpuLoad()).isEqualTo(0.77);
    assertThat(node.partitions()).containsExactly("debug", "batch", "long");
  }

  @Test
  void slurm2302SinfoNodeRowsBecomeNodes() {
    SlurmDocument document = decode(SLURM_23_02_SINFO_N);

    assertThat(document.has(Content.NODES)).isTrue();
    Node node = node(document, "localhost");
    assertThat(node.state()).isEqualTo(NodeState.of("ALLOCATED"));
    assertThat(node.cpusAllocated()).isEqualTo(1);
    assertThat(node.cpusTotal()).isEqualTo(1);
    assertThat(node.memoryAllocatedMb()).isEqualTo(1L);
    assertThat(node.memoryTotalMb()).isEqualTo(1L);
    assertThat(node.memoryFreeMb()).isEqualTo(227L);
    assertThat(node.cpuLoad()).isEqualTo(0.78);
    assertThat(node.partitions()).containsExactly("debug");
    assertThat(node.reason()).isEmpty();
    assertThat(node.invalidFields()).isEmpty();
  }

  @Test
  void slurm2302MetaWithEscapedSlash() {
    SlurmMeta meta = decode(SLURM_23_02_SINFO_N).meta();

    assertThat(meta.slurmVersion()).isEqualTo("23.02.5");
    assertThat(meta.apiVersion()).isEqualTo("v0.0.39");
    assertThat(meta.command()).containsExactly("sinfo", "-N", "--json");
  }

  @Test
  void slurm2411ListsSixNodesWithStateArrays() {
    SlurmDocument document = decode(SLURM_24_11);

    assertThat(document.nodes())
        .extracting(node -> node.state().compound())
        .containsExactly(
            "ALLOCATED", "MIXED", "IDLE", "IDLE+DRAIN", "MIXED", "DOWN+NOT_RESPONDING");
    assertThat(document.meta().slurmVersion()).isEqualTo("24.11.5");
    assertThat(document.meta().apiVersion()).isEqualTo("v0.0.42");
    assertThat(document.meta().cluster()).isEqualTo("modern");
    assertThat(document.warnings()).isEmpty();
  }

  @Test
  void slurm2411FreeMemoryNotSetIsAbsent() {
    SlurmDocument document = decode(SLURM_24_11);

    assertThat(node(document, "cn06").memoryFreeMb()).isNull();
    assertThat(node(document, "cn01").memoryFreeMb()).isEqualTo(23431L);
    assertThat(node(document, "cn01").cpuLoad()).isEqualTo(0.42);
    assertThat(node(document, "cn04").reason()).isEqualTo("testbed: maintenance");
    assertThat(node(document, "cn05").gres()).isEqualTo("gpu:a100:2");
    assertThat(node(document, "cn05").cpusAllocated()).isEqualTo(2);
    assertThat(node(document, "cn05").memoryAllocatedMb()).isEqualTo(4096L);
  }

  @Test
  void slurm2411SingleNode() {
    SlurmDocument document = decode("testbed-24.11/scontrol-show-node-cn01.json");

    assertThat(document.nodes()).extracting(Node::name).containsExactly("cn01");
    assertThat(document.nodes().get(0).partitions()).containsExactly("debug", "batch", "long");
  }

  @Test
  void slurm2411NodeRowsMergePartitions() throws IOException, SlurmSourceException {
    // The grouped rows of sinfo --json hold one node each in this capture, so read as node rows
    // they show how a node's rows of several partitions merge into one node.
    SlurmDocument document =
        SlurmJsonDecoder.decodeNodeRows(
            Fixtures.open("testbed-24.11/sinfo.json"), "sinfo -N --json");

    assertThat(document.nodes()).hasSize(6);
    assertThat(node(document, "cn02").partitions()).containsExactly("debug", "batch", "long");
    assertThat(node(document, "cn06").state())
        .isEqualTo(new NodeState("DOWN", List.of("NOT_RESPONDING")));
    assertThat(node(document, "cn02").cpusAllocated()).isEqualTo(4);
    assertThat(node(document, "cn02").cpusTotal()).isEqualTo(8);
  }
}
