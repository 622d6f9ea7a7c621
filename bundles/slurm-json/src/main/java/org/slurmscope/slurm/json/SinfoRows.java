package org.slurmscope.slurm.json;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slurmscope.api.slurm.Node;
import org.slurmscope.api.slurm.NodeState;
import org.slurmscope.api.slurm.Partition;

/**
 * Collects the rows of {@code sinfo --json} from Slurm 23.02 on, whose top-level list is {@code
 * sinfo}. Each row is one group of nodes of one partition that share a state and a configuration,
 * with the partition's full record nested in it. With {@code -N} each row contains one node of one
 * partition, so a node in three partitions has three rows.
 *
 * <p>Every row yields its partition. Nodes are only a node list when sinfo ran with {@code -N}:
 * without it a row's CPU and memory figures are totals over its group, and a group may hold many
 * nodes. The caller decides which case applies once {@code meta.command} is known.
 */
final class SinfoRows {

  private final DecodeWarnings warnings;
  private final Map<String, Partition> partitions = new LinkedHashMap<>();
  private final Map<String, NodeRow> nodes = new LinkedHashMap<>();
  private final Map<String, List<FieldProblem>> nodeProblems = new LinkedHashMap<>();

  SinfoRows(DecodeWarnings warnings) {
    this.warnings = warnings;
  }

  /** The values of one node, merged over the rows of its partitions. */
  private static final class NodeRow {
    private final Node.Builder builder;
    private final List<String> partitions = new ArrayList<>(2);

    NodeRow(Node.Builder builder) {
      this.builder = builder;
    }

    Node build() {
      return builder.partitions(partitions).build();
    }
  }

  /** Adds one row. */
  void add(JsonNode row, int index) {
    String partitionName = addPartition(row.get("partition"), index);
    List<String> names = textList(row.path("nodes").get("nodes"));
    if (names.isEmpty()) {
      return;
    }
    List<String> hostnames = textList(row.path("nodes").get("hostnames"));
    for (int i = 0; i < names.size(); i++) {
      String name = names.get(i);
      NodeRow node = nodes.get(name);
      if (node == null) {
        String hostname = i < hostnames.size() ? hostnames.get(i) : null;
        node = new NodeRow(firstRow(row, name, hostname, names.size() == 1));
        nodes.put(name, node);
      }
      if (partitionName != null && !node.partitions.contains(partitionName)) {
        node.partitions.add(partitionName);
      }
    }
  }

  /** Returns the partitions, each once, in the order first met. */
  List<Partition> partitions() {
    return new ArrayList<>(partitions.values());
  }

  /**
   * Returns the nodes, each once with all its partitions, in the order first met, and reports the
   * fields of theirs that failed to decode. Call it only for a node list.
   */
  List<Node> nodes() {
    nodeProblems.forEach((name, problems) -> warnings.fields("node " + name, problems));
    List<Node> built = new ArrayList<>(nodes.size());
    for (NodeRow node : nodes.values()) {
      built.add(node.build());
    }
    return built;
  }

  private String addPartition(JsonNode partition, int index) {
    if (partition == null || !partition.isObject()) {
      return null;
    }
    String name = partition.path("name").asText("").strip();
    if (partitions.containsKey(name)) {
      return name;
    }
    Partition decoded =
        PartitionDecoder.decode(partition, "sinfo[" + index + "].partition", warnings);
    if (decoded == null) {
      return null;
    }
    partitions.put(decoded.name(), decoded);
    return decoded.name();
  }

  /**
   * Decodes a node from the first row it appears in. The CPU, memory and load figures are the
   * node's own only when the row contains this one node alone, so they are read only then.
   */
  private Node.Builder firstRow(JsonNode row, String name, String hostname, boolean single) {
    FieldReader reader = new FieldReader();
    NodeState state = NodeDecoder.state(reader, row.path("node").get("state"), null);
    Node.Builder builder = Node.builder(name, state).hostname(hostname);
    if (single) {
      JsonNode cpus = row.path("cpus");
      JsonNode memory = row.path("memory");
      builder
          .cpusAllocated(reader.count("cpus.allocated", cpus.get("allocated"), "cpusAllocated"))
          .cpusTotal(reader.count("cpus.total", cpus.get("total"), "cpusTotal"))
          .memoryAllocatedMb(
              reader.amount("memory.allocated", memory.get("allocated"), "memoryAllocatedMb"))
          .memoryTotalMb(reader.amount("memory.maximum", memory.get("maximum"), "memoryTotalMb"))
          .memoryFreeMb(
              reader.amount(
                  "memory.free.minimum", memory.path("free").get("minimum"), "memoryFreeMb"))
          .cpuLoad(reader.load("cpus.load.minimum", cpus.path("load").get("minimum"), "cpuLoad"))
          .reason(NodeDecoder.reason(reader, "reason", row.get("reason")))
          .gres(reader.text("gres.total", row.path("gres").get("total"), "gres"));
    }
    List<FieldProblem> problems = reader.problems();
    for (FieldProblem problem : problems) {
      builder.invalid(problem.component());
    }
    if (!problems.isEmpty()) {
      nodeProblems.put(name, problems);
    }
    return builder;
  }

  private static List<String> textList(JsonNode value) {
    List<String> texts = new ArrayList<>();
    if (value != null && value.isArray()) {
      for (JsonNode element : value) {
        if (element.isTextual() && !element.textValue().isBlank()) {
          texts.add(element.textValue().strip());
        }
      }
    }
    return texts;
  }
}
