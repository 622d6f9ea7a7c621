package org.slurmscope.slurm.json;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.slurmscope.api.slurm.Job;
import org.slurmscope.api.slurm.JobState;
import org.slurmscope.api.slurm.MemoryRequest;
import org.slurmscope.api.slurm.Node;
import org.slurmscope.api.slurm.NodeState;
import org.slurmscope.api.slurm.Partition;
import org.slurmscope.slurm.json.SlurmDocument.Content;

/**
 * Decodes the text forms of Slurm's commands, for releases or commands without {@code --json}:
 * {@code scontrol -o show nodes}, {@code scontrol -o show partitions}, {@code squeue -h -O} with a
 * field separator, and {@code sinfo -h -N -o} or {@code -O} columns.
 *
 * <p>As with JSON, a value that cannot be read leaves only that field empty and listed as invalid,
 * and one warning names it; a line that cannot be read at all is skipped with a warning, never
 * failing the whole output.
 */
public final class SlurmTextDecoder {

  /**
   * The squeue fields slurmscope requests when squeue has no {@code --json}, in this order. The job
   * name comes last because it is the one free-text field that may contain the separator.
   */
  public static final List<String> SQUEUE_FIELDS =
      List.of(
          "JobID",
          "ArrayJobID",
          "ArrayTaskID",
          "HetJobID",
          "HetJobOffset",
          "UserName",
          "Account",
          "Partition",
          "State",
          "Reason",
          "SubmitTime",
          "StartTime",
          "EndTime",
          "TimeLimit",
          "NodeList",
          "NumNodes",
          "NumCPUs",
          "tres-alloc",
          "tres-per-node",
          "SchedNodes",
          "MinMemory",
          "Name");

  private SlurmTextDecoder() {}

  /**
   * Returns squeue's {@code -O} argument for {@link #SQUEUE_FIELDS}, each ended by {@code |} so
   * that no field is padded or cut ({@code JobID:|,ArrayJobID:|,...}).
   */
  public static String squeueFormat() {
    StringBuilder format = new StringBuilder();
    for (String field : SQUEUE_FIELDS) {
      format.append(format.length() == 0 ? "" : ",").append(field).append(":|");
    }
    return format.toString();
  }

  /** Decodes {@code scontrol -o -d show nodes} (or without {@code -d}): one node per line. */
  public static SlurmDocument nodes(String text, String origin) {
    DecodeWarnings warnings = new DecodeWarnings();
    List<Node> nodes = new ArrayList<>();
    for (String line : text.split("\n")) {
      if (line.isBlank()) {
        continue;
      }
      Map<String, String> fields = SlurmText.record(line);
      String name = fields.get("NodeName");
      if (name == null || name.isBlank()) {
        warnings.structure("a line without NodeName was skipped: " + excerpt(line));
        continue;
      }
      Fields reader = new Fields(fields);
      Node.Builder node =
          Node.builder(name, reader.state("State"))
              .hostname(SlurmText.text(fields.get("NodeHostName")))
              .partitions(reader.list("Partitions"))
              .cpusAllocated(reader.read("CPUAlloc", "cpusAllocated", SlurmText::count))
              .cpusTotal(reader.read("CPUTot", "cpusTotal", SlurmText::count))
              .memoryAllocatedMb(reader.read("AllocMem", "memoryAllocatedMb", SlurmText::mebibytes))
              .memoryTotalMb(reader.read("RealMemory", "memoryTotalMb", SlurmText::mebibytes))
              .memoryFreeMb(reader.read("FreeMem", "memoryFreeMb", SlurmText::mebibytes))
              .cpuLoad(reader.read("CPULoad", "cpuLoad", SlurmTextDecoder::load))
              .reason(reason(fields.get("Reason")))
              .gres(SlurmText.text(fields.get("Gres")))
              .gpusConfigured(reader.read("Gres", "gpusConfigured", GpuText::gres))
              .gpusAllocated(gpusInUse(reader, fields));
      reader.finish(node::invalid);
      warnings.fields("node " + name, reader.problems);
      nodes.add(node.build());
    }
    return document(origin, Content.NODES, List.of(), nodes, List.of(), warnings);
  }

  /**
   * Returns a node's GPUs in use: {@code GresUsed} (printed with {@code -d}, with indexes), else
   * {@code AllocTRES}, which names GPUs only where GPUs are accounted as TRES.
   */
  private static org.slurmscope.api.slurm.Gpus gpusInUse(
      Fields reader, Map<String, String> fields) {
    if (fields.containsKey("GresUsed")) {
      return reader.read("GresUsed", "gpusAllocated", GpuText::gres);
    }
    return reader.read("AllocTRES", "gpusAllocated", GpuText::tres);
  }

  /** Decodes {@code scontrol -o show partitions}: one partition per line. */
  public static SlurmDocument partitions(String text, String origin) {
    DecodeWarnings warnings = new DecodeWarnings();
    List<Partition> partitions = new ArrayList<>();
    for (String line : text.split("\n")) {
      if (line.isBlank()) {
        continue;
      }
      Map<String, String> fields = SlurmText.record(line);
      String name = fields.get("PartitionName");
      if (name == null || name.isBlank()) {
        warnings.structure("a line without PartitionName was skipped: " + excerpt(line));
        continue;
      }
      Fields reader = new Fields(fields);
      List<String> invalid = new ArrayList<>();
      Partition partition =
          new Partition(
              name,
              "YES".equalsIgnoreCase(fields.get("Default")),
              SlurmText.text(fields.get("State")),
              SlurmText.text(fields.get("Nodes")),
              reader.read("TotalNodes", "totalNodes", SlurmText::count),
              reader.read("TotalCPUs", "totalCpus", SlurmText::count),
              reader.read("MaxTime", "maxTime", SlurmText::timeLimit));
      reader.finish(invalid::add);
      if (!invalid.isEmpty()) {
        partition =
            new Partition(
                partition.name(),
                partition.isDefault(),
                partition.state(),
                partition.nodes(),
                partition.totalNodes(),
                partition.totalCpus(),
                partition.maxTime(),
                Set.copyOf(invalid));
      }
      warnings.fields("partition " + name, reader.problems);
      partitions.add(partition);
    }
    return document(origin, Content.PARTITIONS, List.of(), List.of(), partitions, warnings);
  }

  /**
   * Decodes {@code squeue -h -O} output whose fields are separated by {@code |}.
   *
   * @param fields the squeue field names in the order of the format, such as {@link
   *     #SQUEUE_FIELDS}; the last field takes the rest of the line
   * @param zone the time zone squeue printed times in, the machine's own
   */
  public static SlurmDocument squeue(String text, List<String> fields, ZoneId zone, String origin) {
    DecodeWarnings warnings = new DecodeWarnings();
    List<Job> jobs = new ArrayList<>();
    for (String line : text.split("\n")) {
      if (line.isBlank()) {
        continue;
      }
      String[] values = line.split("\\|", fields.size());
      Map<String, String> record = new LinkedHashMap<>();
      for (int i = 0; i < fields.size() && i < values.length; i++) {
        String value = values[i];
        // The last field keeps squeue's trailing separator.
        if (i == fields.size() - 1 && value.endsWith("|")) {
          value = value.substring(0, value.length() - 1);
        }
        record.put(fields.get(i).toLowerCase(java.util.Locale.ROOT), value.strip());
      }
      Job job = squeueJob(record, zone, warnings, line);
      if (job != null) {
        jobs.add(job);
      }
    }
    return document(origin, Content.JOBS, jobs, List.of(), List.of(), warnings);
  }

  /**
   * Decodes {@code sinfo -h -N} rows whose columns are separated by {@code separator} (a blank
   * splits at runs of blanks). A node listed under several partitions appears once, with each
   * partition; the default partition's {@code *} is removed.
   *
   * @param columns the field names of the columns, such as {@code NodeList}, {@code StateLong},
   *     {@code Partition}, {@code CPUsState} (A/I/O/T), {@code AllocMem}, {@code Memory}, {@code
   *     Gres}, {@code GresUsed}
   */
  public static SlurmDocument sinfoNodes(
      String text, List<String> columns, String separator, String origin) {
    DecodeWarnings warnings = new DecodeWarnings();
    Map<String, Node.Builder> nodes = new LinkedHashMap<>();
    Map<String, List<String>> partitionsOf = new LinkedHashMap<>();
    String split = separator.equals(" ") ? "\\s+" : java.util.regex.Pattern.quote(separator);
    for (String line : text.split("\n")) {
      if (line.isBlank()) {
        continue;
      }
      String[] values = line.strip().split(split, columns.size());
      Map<String, String> row = new LinkedHashMap<>();
      for (int i = 0; i < columns.size() && i < values.length; i++) {
        row.put(columns.get(i), values[i].strip());
      }
      String name = row.get("NodeList");
      if (name == null || name.isEmpty()) {
        warnings.structure("a line without a node name was skipped: " + excerpt(line));
        continue;
      }
      String partition = row.get("Partition");
      if (partition != null) {
        List<String> list = partitionsOf.computeIfAbsent(name, n -> new ArrayList<>());
        String bare =
            partition.endsWith("*") ? partition.substring(0, partition.length() - 1) : partition;
        if (!list.contains(bare)) {
          list.add(bare);
        }
      }
      if (nodes.containsKey(name)) {
        continue;
      }
      Fields reader = new Fields(row);
      String stateColumn = row.containsKey("StateLong") ? "StateLong" : "State";
      Node.Builder node = Node.builder(name, reader.state(stateColumn));
      if (row.containsKey("CPUsState")) {
        int[] cpus = reader.read("CPUsState", "cpusTotal", SlurmTextDecoder::cpuStates);
        if (cpus != null) {
          node.cpusAllocated(cpus[0]).cpusTotal(cpus[3]);
        }
      }
      node.memoryAllocatedMb(reader.read("AllocMem", "memoryAllocatedMb", SlurmText::mebibytes))
          .memoryTotalMb(reader.read("Memory", "memoryTotalMb", SlurmText::mebibytes))
          .gres(SlurmText.text(row.get("Gres")))
          .gpusConfigured(reader.read("Gres", "gpusConfigured", GpuText::gres))
          .gpusAllocated(reader.read("GresUsed", "gpusAllocated", GpuText::gres));
      reader.finish(node::invalid);
      warnings.fields("node " + name, reader.problems);
      nodes.put(name, node);
    }
    List<Node> built = new ArrayList<>();
    nodes.forEach(
        (name, node) ->
            built.add(node.partitions(partitionsOf.getOrDefault(name, List.of())).build()));
    return document(origin, Content.NODES, List.of(), built, List.of(), warnings);
  }

  /**
   * Returns the default partition from {@code sinfo -h -o %P} (one partition per line, the default
   * one marked with {@code *}), or null when none is marked.
   */
  public static String defaultPartition(String sinfoPartitions) {
    for (String line : sinfoPartitions.split("\n")) {
      String name = line.strip();
      if (name.endsWith("*") && name.length() > 1) {
        return name.substring(0, name.length() - 1);
      }
    }
    return null;
  }

  private static Job squeueJob(
      Map<String, String> record, ZoneId zone, DecodeWarnings warnings, String line) {
    String jobId = SlurmText.text(record.get("jobid"));
    if (jobId == null) {
      warnings.structure("a line without a job id was skipped: " + excerpt(line));
      return null;
    }
    Fields reader = new Fields(record);
    String arrayJob = SlurmText.text(record.get("arrayjobid"));
    String arrayTask = SlurmText.text(record.get("arraytaskid"));
    String hetJob = SlurmText.text(record.get("hetjobid"));
    Integer hetOffset = reader.read("hetjoboffset", "hetJobOffset", SlurmText::count);
    boolean isArray = arrayTask != null && arrayJob != null;
    boolean isHet = hetJob != null && hetOffset != null;
    // The same ids as the JSON gives: 8_2, 8_[3-6%2], 1234+1.
    String id = jobId;
    if (isArray) {
      id =
          arrayJob
              + "_"
              + (arrayTask.chars().allMatch(Character::isDigit)
                  ? arrayTask
                  : "[" + arrayTask + "]");
    } else if (isHet) {
      id = hetJob + "+" + hetOffset;
    }
    String state = record.getOrDefault("state", "");
    Job.Builder job =
        Job.builder(
                id,
                state.isBlank()
                    ? JobState.of(JobDecoder.UNDECODED_STATE)
                    : JobState.of(state.strip().toUpperCase(java.util.Locale.ROOT)))
            .arrayJobId(isArray ? arrayJob : null)
            .arrayTaskId(isArray ? arrayTask : null)
            .hetJob(isHet ? hetJob : null, isHet ? hetOffset : null)
            .user(SlurmText.text(record.get("username")))
            .account(SlurmText.text(record.get("account")))
            .partition(SlurmText.text(record.get("partition")))
            .name(record.containsKey("name") ? record.get("name") : null)
            .reason(SlurmText.text(record.get("reason")))
            .submitTime(reader.read("submittime", "submitTime", t -> SlurmText.time(t, zone)))
            .startTime(reader.read("starttime", "startTime", t -> SlurmText.time(t, zone)))
            .endTime(reader.read("endtime", "endTime", t -> SlurmText.time(t, zone)))
            .timeLimit(reader.read("timelimit", "timeLimit", SlurmText::timeLimit))
            .nodes(record.containsKey("nodelist") ? record.get("nodelist") : null)
            .nodeCount(reader.read("numnodes", "nodeCount", SlurmText::count))
            .cpus(reader.read("numcpus", "cpus", SlurmText::count))
            .gpus(gpus(reader, record))
            .scheduledNodes(SlurmText.text(record.get("schednodes")))
            .hosts(reader.read("nodelist", "hosts", SlurmTextDecoder::hosts));
    MemoryRequest memory = reader.read("minmemory", "memory", SlurmTextDecoder::memory);
    job.memory(memory);
    reader.finish(job::invalid);
    warnings.fields("job " + id, reader.problems);
    return job.build();
  }

  /**
   * Returns a job's GPUs from {@code tres-alloc}, else from its request {@code tres-per-node} times
   * its nodes: Slurm names GPUs in {@code tres-alloc} only where GPUs are accounted as TRES.
   */
  private static org.slurmscope.api.slurm.Gpus gpus(Fields reader, Map<String, String> record) {
    org.slurmscope.api.slurm.Gpus allocated = reader.read("tres-alloc", "gpus", GpuText::tres);
    if (allocated != null && allocated.any()) {
      return allocated;
    }
    org.slurmscope.api.slurm.Gpus perNode = reader.read("tres-per-node", "gpus", GpuText::tres);
    Integer nodes = reader.read("numnodes", "nodeCount", SlurmText::count);
    if (perNode == null || !perNode.any() || nodes == null || nodes <= 1) {
      return perNode == null ? allocated : perNode;
    }
    Map<String, Integer> types = new LinkedHashMap<>();
    perNode.types().forEach((type, n) -> types.put(type, n * nodes));
    return new org.slurmscope.api.slurm.Gpus(perNode.count() * nodes, types, List.of());
  }

  /**
   * squeue's {@code MinMemory}: per node, or per CPU when Slurm marks it; {@code %m} text does not
   * say which, so a bare size counts per node, as {@code --mem} is the common request.
   */
  private static MemoryRequest memory(String text) {
    Long mebibytes = SlurmText.mebibytes(text);
    return mebibytes == null ? null : new MemoryRequest(mebibytes, MemoryRequest.Per.NODE);
  }

  /** scontrol appends who set a reason and when: {@code maintenance [root@2026-07-22T23:31:17]}. */
  private static final java.util.regex.Pattern REASON_SETTER =
      java.util.regex.Pattern.compile("(.*?)\\s*\\[[^\\[\\]@]+@[^\\[\\]]+\\]$");

  /** Returns the reason without scontrol's setter suffix, as the JSON sends it. */
  private static String reason(String text) {
    String reason = SlurmText.text(text);
    if (reason == null) {
      return null;
    }
    java.util.regex.Matcher match = REASON_SETTER.matcher(reason);
    return match.matches() ? match.group(1) : reason;
  }

  private static List<String> hosts(String text) {
    String hostlist = SlurmText.text(text);
    return hostlist == null ? List.of() : Hostlist.expand(hostlist);
  }

  private static Double load(String text) {
    String value = SlurmText.text(text);
    if (value == null) {
      return null;
    }
    try {
      return Double.valueOf(value);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("load \"" + text + "\" is not a number");
    }
  }

  /** Parses sinfo's {@code %C}: allocated/idle/other/total CPUs. */
  private static int[] cpuStates(String text) {
    String[] parts = text.strip().split("/");
    if (parts.length != 4) {
      throw new IllegalArgumentException("CPU states \"" + text + "\" are not A/I/O/T");
    }
    int[] counts = new int[4];
    for (int i = 0; i < 4; i++) {
      counts[i] = Integer.parseInt(parts[i]);
    }
    return counts;
  }

  private static SlurmDocument document(
      String origin,
      Content content,
      List<Job> jobs,
      List<Node> nodes,
      List<Partition> partitions,
      DecodeWarnings warnings) {
    return new SlurmDocument(
        SlurmMeta.EMPTY,
        EnumSet.of(content),
        jobs,
        nodes,
        partitions,
        warnings.format(origin, SlurmMeta.EMPTY));
  }

  private static String excerpt(String line) {
    String stripped = line.strip();
    return stripped.length() <= 60 ? stripped : stripped.substring(0, 60) + "...";
  }

  /** Reads the fields of one record, collecting those that fail. */
  private static final class Fields {
    private final Map<String, String> values;
    private final List<FieldProblem> problems = new ArrayList<>(0);

    Fields(Map<String, String> values) {
      this.values = values;
    }

    <T> T read(String key, String component, Function<String, T> parser) {
      String value = values.get(key);
      if (value == null) {
        return null;
      }
      try {
        return parser.apply(value);
      } catch (RuntimeException e) {
        problems.add(new FieldProblem(key, component, "the text \"" + value + "\""));
        return null;
      }
    }

    NodeState state(String key) {
      String value = values.get(key);
      try {
        return NodeStateText.parse(value);
      } catch (IllegalArgumentException e) {
        problems.add(
            new FieldProblem(key, "state", value == null ? "nothing" : "\"" + value + "\""));
        return NodeState.of(NodeDecoder.UNDECODED_STATE);
      }
    }

    List<String> list(String key) {
      String value = SlurmText.text(values.get(key));
      if (value == null) {
        return List.of();
      }
      List<String> items = new ArrayList<>();
      for (String item : value.split(",")) {
        if (!item.isBlank()) {
          items.add(item.strip());
        }
      }
      return items;
    }

    void finish(java.util.function.Consumer<String> invalid) {
      for (FieldProblem problem : problems) {
        if (problem.component() != null) {
          invalid.accept(problem.component());
        }
      }
    }
  }
}
