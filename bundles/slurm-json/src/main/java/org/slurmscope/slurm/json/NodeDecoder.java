package org.slurmscope.slurm.json;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.slurmscope.api.slurm.Node;
import org.slurmscope.api.slurm.NodeState;

/**
 * Decodes one element of the {@code nodes} list of {@code sinfo --json} (Slurm 21.08 and 22.05),
 * {@code scontrol show nodes --json} (23.02 and later) or slurmrestd's {@code /nodes}.
 */
final class NodeDecoder {

  /** Base state given to a node whose {@code state} could not be decoded. */
  static final String UNDECODED_STATE = "UNKNOWN";

  private NodeDecoder() {}

  /**
   * Decodes a node. Fields of unexpected shape are left null and listed as invalid; a node without
   * a name is skipped.
   *
   * @param index the node's position in the list, for the warning when it is skipped
   * @return the node, or null when it was skipped
   */
  static Node decode(JsonNode node, int index, DecodeWarnings warnings) {
    JsonNode nameField = node.get("name");
    if (nameField == null || !nameField.isTextual() || nameField.textValue().isBlank()) {
      warnings.skipped("nodes[" + index + "]", "name", nameField);
      return null;
    }
    String name = nameField.textValue().strip();

    FieldReader reader = new FieldReader();
    NodeState state = state(reader, node.get("state"), node.get("state_flags"));
    // 24.11 renamed free_memory to free_mem.
    String freeLabel = node.has("free_mem") ? "free_mem" : "free_memory";
    Node.Builder builder =
        Node.builder(name, state)
            .hostname(reader.text("hostname", node.get("hostname"), "hostname"))
            .partitions(partitions(reader, node.get("partitions")))
            .cpusAllocated(reader.count16("alloc_cpus", node.get("alloc_cpus"), "cpusAllocated"))
            .cpusTotal(reader.count16("cpus", node.get("cpus"), "cpusTotal"))
            .memoryAllocatedMb(
                reader.amount("alloc_memory", node.get("alloc_memory"), "memoryAllocatedMb"))
            .memoryTotalMb(reader.amount("real_memory", node.get("real_memory"), "memoryTotalMb"))
            .memoryFreeMb(reader.amount(freeLabel, node.get(freeLabel), "memoryFreeMb"))
            .cpuLoad(reader.load("cpu_load", node.get("cpu_load"), "cpuLoad"))
            .reason(reason(reader, "reason", node.get("reason")))
            .gres(reader.text("gres", node.get("gres"), "gres"))
            .gpusConfigured(gpus(reader, "gres", node.get("gres"), "gpusConfigured"))
            .gpusAllocated(gpus(reader, "gres_used", node.get("gres_used"), "gpusAllocated"));

    List<FieldProblem> problems = reader.problems();
    for (FieldProblem problem : problems) {
      builder.invalid(problem.component());
    }
    warnings.fields("node " + name, problems);
    return builder.build();
  }

  /**
   * Decodes a node state: a lower-case base plus a separate {@code state_flags} array up to
   * v0.0.38, one upper-case array (base first) from v0.0.39 on.
   */
  static NodeState state(FieldReader reader, JsonNode value, JsonNode separateFlags) {
    List<String> parts = StateParts.of(value);
    if (parts == null) {
      reader.invalid("state", "state", value);
      return NodeState.of(UNDECODED_STATE);
    }
    List<String> flags = new ArrayList<>(parts.subList(1, parts.size()));
    List<String> extra = reader.texts("state_flags", separateFlags, "state");
    if (extra != null) {
      flags.addAll(extra);
    }
    return new NodeState(parts.get(0), flags);
  }

  /**
   * Decodes a reason: a string in the node lists, an object with {@code description} in the rows of
   * {@code sinfo --json} from 23.02 on.
   */
  static String reason(FieldReader reader, String label, JsonNode value) {
    if (value != null && value.isObject()) {
      return reader.text(label + ".description", value.get("description"), "reason");
    }
    return reader.text(label, value, "reason");
  }

  /** Reads GPUs from GRES text such as {@code gpu:a100:2(S:0-1)}; invalid text is recorded. */
  static org.slurmscope.api.slurm.Gpus gpus(
      FieldReader reader, String label, JsonNode value, String component) {
    String text = reader.text(label, value, component);
    try {
      return GpuText.gres(text);
    } catch (IllegalArgumentException e) {
      reader.invalid(label, component, value);
      return org.slurmscope.api.slurm.Gpus.NONE;
    }
  }

  private static List<String> partitions(FieldReader reader, JsonNode value) {
    List<String> names = reader.texts("partitions", value, "partitions");
    if (names == null) {
      return List.of();
    }
    // The default partition may carry Slurm's "*" marker; the model keeps bare names.
    names.replaceAll(
        partition ->
            partition.endsWith("*") ? partition.substring(0, partition.length() - 1) : partition);
    return names;
  }
}
