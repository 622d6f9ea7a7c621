package org.slurmscope.slurm.json;

import com.fasterxml.jackson.databind.JsonNode;
import org.slurmscope.api.slurm.Partition;
import org.slurmscope.api.slurm.TimeLimit;

/**
 * Decodes one partition: an element of {@code scontrol show partitions --json} (23.02 and later) or
 * slurmrestd's {@code /partitions}, or the {@code partition} object nested in each row of {@code
 * sinfo --json} from 23.02 on.
 *
 * <p>v0.0.38 sends flat fields ({@code state}, {@code nodes}, {@code total_cpus}, {@code
 * max_time_limit}, {@code flags: ["default"]}); v0.0.39 and later nest them ({@code
 * partition.state}, {@code nodes.configured}, {@code cpus.total}, {@code maximums.time}).
 */
final class PartitionDecoder {

  private PartitionDecoder() {}

  /**
   * Decodes a partition. A field of unexpected shape is left null, listed in the partition's
   * invalid fields and reported as a warning.
   *
   * @param record names the partition's place for the warning when it is skipped
   * @return the partition, or null when it has no name
   */
  static Partition decode(JsonNode partition, String record, DecodeWarnings warnings) {
    JsonNode nameField = partition.get("name");
    if (nameField == null || !nameField.isTextual() || nameField.textValue().isBlank()) {
      warnings.skipped(record, "name", nameField);
      return null;
    }
    String name = nameField.textValue().strip();
    boolean starred = name.endsWith("*");
    if (starred) {
      name = name.substring(0, name.length() - 1);
    }

    FieldReader reader = new FieldReader();
    JsonNode nodes = partition.get("nodes");
    boolean nested = nodes != null && nodes.isObject();
    Partition decoded =
        new Partition(
            name,
            starred || isDefault(partition.get("flags")),
            state(reader, partition),
            nested
                ? reader.text("nodes.configured", nodes.get("configured"), "nodes")
                : reader.text("nodes", nodes, "nodes"),
            nested
                ? reader.count("nodes.total", nodes.get("total"), "totalNodes")
                : reader.count("total_nodes", partition.get("total_nodes"), "totalNodes"),
            partition.has("total_cpus")
                ? reader.count("total_cpus", partition.get("total_cpus"), "totalCpus")
                : reader.count("cpus.total", partition.path("cpus").get("total"), "totalCpus"),
            maxTime(reader, partition),
            invalidComponents(reader.problems()));
    warnings.fields("partition " + name, reader.problems());
    return decoded;
  }

  private static java.util.Set<String> invalidComponents(java.util.List<FieldProblem> problems) {
    java.util.Set<String> components = new java.util.TreeSet<>();
    for (FieldProblem problem : problems) {
      if (problem.component() != null) {
        components.add(problem.component());
      }
    }
    return components;
  }

  /**
   * Returns true for v0.0.38's {@code flags: ["default"]}. NOTE: v0.0.39 and later have no field
   * for the default partition, so from 23.02 on every partition decodes as not default.
   */
  private static boolean isDefault(JsonNode flags) {
    if (flags == null || !flags.isArray()) {
      return false;
    }
    for (JsonNode flag : flags) {
      if (flag.isTextual() && flag.textValue().strip().equalsIgnoreCase("default")) {
        return true;
      }
    }
    return false;
  }

  /** Returns the state parts joined with {@code +}, such as {@code UP} or {@code DOWN+DRAIN}. */
  private static String state(FieldReader reader, JsonNode partition) {
    JsonNode nested = partition.path("partition").get("state");
    JsonNode value = nested != null ? nested : partition.get("state");
    if (value == null || value.isNull()) {
      return null;
    }
    var parts = StateParts.of(value);
    if (parts == null) {
      reader.invalid(nested != null ? "partition.state" : "state", "state", value);
      return null;
    }
    return String.join("+", parts);
  }

  private static TimeLimit maxTime(FieldReader reader, JsonNode partition) {
    if (partition.has("max_time_limit")) {
      return reader.minutes("max_time_limit", partition.get("max_time_limit"), "maxTime");
    }
    return reader.minutes("maximums.time", partition.path("maximums").get("time"), "maxTime");
  }
}
