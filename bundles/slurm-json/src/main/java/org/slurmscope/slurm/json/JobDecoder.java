package org.slurmscope.slurm.json;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.slurmscope.api.slurm.ExitCode;
import org.slurmscope.api.slurm.Gpus;
import org.slurmscope.api.slurm.Job;
import org.slurmscope.api.slurm.JobState;
import org.slurmscope.api.slurm.MemoryRequest;

/**
 * Decodes one element of the {@code jobs} list of {@code squeue --json}, {@code scontrol show jobs
 * --json} or slurmrestd's {@code /jobs}, from openapi v0.0.37 (Slurm 21.08) to data_parser v0.0.42
 * (24.11) and later.
 */
final class JobDecoder {

  /** Base state given to a job whose {@code job_state} could not be decoded. */
  static final String UNDECODED_STATE = "UNKNOWN";

  private JobDecoder() {}

  /**
   * Decodes a job. Fields of unexpected shape are left null and listed as invalid; a job without a
   * usable {@code job_id} is skipped.
   *
   * @param index the job's position in the list, for the warning when it is skipped
   * @return the job, or null when it was skipped
   */
  static Job decode(JsonNode job, int index, DecodeWarnings warnings) {
    JsonNode jobIdField = job.get("job_id");
    SlurmNumber jobId = SlurmNumber.of(jobIdField);
    if (!jobId.isValue()) {
      warnings.skipped("jobs[" + index + "]", "job_id", jobIdField);
      return null;
    }

    FieldReader reader = new FieldReader();
    // slurmdbd's jobs (slurmrestd's /slurmdb/ paths) nest state and times: state.current,
    // state.reason, time.start, time.limit.
    JsonNode dbState = job.path("state");
    JsonNode dbTime = job.path("time");
    boolean accounting = !job.has("job_state") && dbState.isObject();
    JobState state =
        accounting ? state(reader, dbState.get("current")) : state(reader, job.get("job_state"));
    JobIds ids = JobIds.read(reader, job, jobId.value());
    Job.Builder builder =
        Job.builder(ids.id(), state)
            .arrayJobId(ids.arrayJobId())
            .arrayTaskId(ids.arrayTaskId())
            .user(reader.text("user_name", job.get("user_name"), "user"))
            .account(reader.text("account", job.get("account"), "account"))
            .partition(reader.text("partition", job.get("partition"), "partition"))
            .name(reader.text("name", job.get("name"), "name"))
            .reason(
                accounting
                    ? reader.text("state.reason", dbState.get("reason"), "reason")
                    : reader.text("state_reason", job.get("state_reason"), "reason"))
            .submitTime(
                accounting
                    ? reader.epochSeconds("time.submission", dbTime.get("submission"), "submitTime")
                    : reader.epochSeconds("submit_time", job.get("submit_time"), "submitTime"))
            .startTime(
                accounting
                    ? reader.epochSeconds("time.start", dbTime.get("start"), "startTime")
                    : reader.epochSeconds("start_time", job.get("start_time"), "startTime"))
            .endTime(
                accounting
                    ? reader.epochSeconds("time.end", dbTime.get("end"), "endTime")
                    : reader.epochSeconds("end_time", job.get("end_time"), "endTime"))
            .timeLimit(
                accounting
                    ? reader.minutes("time.limit", dbTime.get("limit"), "timeLimit")
                    : reader.minutes("time_limit", job.get("time_limit"), "timeLimit"))
            .nodes(reader.text("nodes", job.get("nodes"), "nodes"))
            .nodeCount(reader.count("node_count", job.get("node_count"), "nodeCount"))
            .cpus(reader.count("cpus", job.get("cpus"), "cpus"))
            .memory(memory(reader, job))
            .slurmJobId(jobId.value())
            .hetJob(ids.hetJobId(), ids.hetJobOffset())
            .exitCode(exitCode(reader, job.get("exit_code")))
            .gpus(gpus(reader, job))
            .scheduledNodes(
                blankToNull(
                    reader.text("scheduled_nodes", job.get("scheduled_nodes"), "scheduledNodes")))
            .hosts(hosts(reader, job));

    List<FieldProblem> problems = reader.problems();
    for (FieldProblem problem : problems) {
      if (problem.component() != null) {
        builder.invalid(problem.component());
      }
    }
    warnings.fields("job " + ids.id(), problems);
    return builder.build();
  }

  /**
   * Decodes {@code exit_code}: the raw wait status up to v0.0.39 (a number, or a number object), an
   * object with {@code status}, {@code return_code} and {@code signal.id} from v0.0.40 on.
   */
  static ExitCode exitCode(FieldReader reader, JsonNode value) {
    if (value == null || value.isNull()) {
      return null;
    }
    if (value.isObject() && (value.has("status") || value.has("return_code"))) {
      List<String> status = StateParts.of(value.get("status"));
      SlurmNumber code =
          reader.number("exit_code.return_code", value.get("return_code"), "exitCode");
      SlurmNumber signal =
          reader.number("exit_code.signal.id", value.path("signal").get("id"), "exitCode");
      return new ExitCode(
          status == null ? null : String.join("+", status),
          code.isValue() ? (int) code.value() : null,
          signal.isValue() && signal.value() != 0 ? (int) signal.value() : null);
    }
    SlurmNumber raw = reader.number("exit_code", value, "exitCode");
    return raw.isValue() ? ExitCode.ofWaitStatus(raw.value()) : null;
  }

  /**
   * Decodes the job's GPUs, from the first of these that names any: {@code tres_alloc_str} (what
   * the job holds), {@code gres_detail} (one entry per node, with indexes), {@code tres_per_node}
   * times the node count, {@code tres_per_job}. Jobs that ask with {@code --gpus} have no GPU entry
   * in {@code tres_per_node}, and some Slurm releases leave GPUs out of {@code tres_alloc_str}, so
   * one field alone misses GPUs.
   */
  private static Gpus gpus(FieldReader reader, JsonNode job) {
    try {
      Gpus allocated =
          GpuText.tres(reader.text("tres_alloc_str", job.get("tres_alloc_str"), "gpus"));
      List<Gpus> perNode = new ArrayList<>();
      List<String> details = reader.texts("gres_detail", job.get("gres_detail"), "gpus");
      if (details != null) {
        for (String detail : details) {
          perNode.add(GpuText.gres(detail));
        }
      }
      Gpus detailed = GpuText.sum(perNode);
      if (allocated.any()) {
        // gres_detail adds the indexes that TRES strings never carry.
        return detailed.any()
            ? new Gpus(allocated.count(), allocated.types(), detailed.indexes())
            : allocated;
      }
      if (detailed.any()) {
        return detailed;
      }
      Gpus perNodeRequest =
          GpuText.tres(reader.text("tres_per_node", job.get("tres_per_node"), "gpus"));
      if (perNodeRequest.any()) {
        SlurmNumber nodes = SlurmNumber.of(job.get("node_count"));
        int factor = nodes.isValue() && nodes.value() > 0 ? (int) nodes.value() : 1;
        return scale(perNodeRequest, factor);
      }
      return GpuText.tres(reader.text("tres_per_job", job.get("tres_per_job"), "gpus"));
    } catch (IllegalArgumentException e) {
      reader.invalid("gres", "gpus", job.get("tres_alloc_str"));
      return Gpus.NONE;
    }
  }

  private static Gpus scale(Gpus gpus, int factor) {
    if (factor == 1) {
      return gpus;
    }
    java.util.Map<String, Integer> types = new java.util.LinkedHashMap<>();
    gpus.types().forEach((type, n) -> types.put(type, n * factor));
    return new Gpus(gpus.count() * factor, types, List.of());
  }

  /**
   * Returns the job's nodes one by one from {@code job_resources}, whose shape changed twice: a
   * list of {@code allocated_nodes} with {@code nodename} up to v0.0.40 (a map without names in
   * 21.08), and {@code nodes.allocation} with {@code name} from v0.0.41 on. Without either, the
   * hostlist in {@code job_resources.nodes} or in the job's {@code nodes} is expanded.
   */
  static List<String> hosts(FieldReader reader, JsonNode job) {
    JsonNode resources = job.get("job_resources");
    List<String> hosts = new ArrayList<>();
    if (resources != null && resources.isObject()) {
      JsonNode nodes = resources.get("nodes");
      if (nodes != null && nodes.isObject()) {
        for (JsonNode allocation : nodes.path("allocation")) {
          String name = allocation.path("name").asText("").strip();
          if (!name.isEmpty()) {
            hosts.add(name);
          }
        }
        if (hosts.isEmpty()) {
          return expand(reader, "job_resources.nodes.list", nodes.get("list"));
        }
        return hosts;
      }
      JsonNode allocated = resources.get("allocated_nodes");
      if (allocated != null && allocated.isArray()) {
        for (JsonNode node : allocated) {
          String name = node.path("nodename").asText("").strip();
          if (!name.isEmpty()) {
            hosts.add(name);
          }
        }
      }
      if (!hosts.isEmpty()) {
        return hosts;
      }
      if (nodes != null && nodes.isTextual()) {
        return expand(reader, "job_resources.nodes", nodes);
      }
    }
    return expand(reader, "nodes", job.get("nodes"));
  }

  private static List<String> expand(FieldReader reader, String label, JsonNode value) {
    if (value == null || !value.isTextual() || value.textValue().isBlank()) {
      return List.of();
    }
    try {
      return Hostlist.expand(value.textValue().strip());
    } catch (IllegalArgumentException e) {
      reader.invalid(label, "hosts", value);
      return List.of();
    }
  }

  private static String blankToNull(String text) {
    return text == null || text.isEmpty() ? null : text;
  }

  /** Decodes {@code job_state}: a string up to v0.0.39, an array (base first) later. */
  private static JobState state(FieldReader reader, JsonNode value) {
    List<String> parts = StateParts.of(value);
    if (parts == null) {
      reader.invalid("job_state", "state", value);
      return JobState.of(UNDECODED_STATE);
    }
    return new JobState(parts.get(0), parts.subList(1, parts.size()));
  }

  /**
   * Decodes the memory request. Slurm sets one of {@code memory_per_node} ({@code --mem}) and
   * {@code memory_per_cpu} ({@code --mem-per-cpu}) and sends the other as null (v0.0.38) or {@code
   * set: false} (v0.0.39 and later). A per-node request of 0 ({@code --mem=0}, all of the node's
   * memory) is kept unless a per-CPU request is set as well. When either field is invalid the
   * request is unknown, because the invalid one may have been the request.
   */
  private static MemoryRequest memory(FieldReader reader, JsonNode job) {
    JsonNode perNodeField = job.get("memory_per_node");
    JsonNode perCpuField = job.get("memory_per_cpu");
    SlurmNumber perNode = SlurmNumber.of(perNodeField);
    SlurmNumber perCpu = SlurmNumber.of(perCpuField);
    if (perNode.isInvalid() || perCpu.isInvalid()) {
      String label = perNode.isInvalid() ? "memory_per_node" : "memory_per_cpu";
      reader.invalid(label, "memory", perNode.isInvalid() ? perNodeField : perCpuField);
      return null;
    }
    if (perNode.isValue() && (perNode.value() > 0 || !perCpu.isValue())) {
      return new MemoryRequest(perNode.value(), MemoryRequest.Per.NODE);
    }
    if (perCpu.isValue()) {
      return new MemoryRequest(perCpu.value(), MemoryRequest.Per.CPU);
    }
    return null;
  }
}
