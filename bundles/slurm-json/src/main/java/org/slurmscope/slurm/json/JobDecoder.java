package org.slurmscope.slurm.json;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
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
    JobState state = state(reader, job.get("job_state"));
    JobIds ids = JobIds.read(reader, job, jobId.value());
    Job.Builder builder =
        Job.builder(ids.id(), state)
            .arrayJobId(ids.arrayJobId())
            .arrayTaskId(ids.arrayTaskId())
            .user(reader.text("user_name", job.get("user_name"), "user"))
            .account(reader.text("account", job.get("account"), "account"))
            .partition(reader.text("partition", job.get("partition"), "partition"))
            .name(reader.text("name", job.get("name"), "name"))
            .reason(reader.text("state_reason", job.get("state_reason"), "reason"))
            .submitTime(reader.epochSeconds("submit_time", job.get("submit_time"), "submitTime"))
            .startTime(reader.epochSeconds("start_time", job.get("start_time"), "startTime"))
            .endTime(reader.epochSeconds("end_time", job.get("end_time"), "endTime"))
            .timeLimit(reader.minutes("time_limit", job.get("time_limit"), "timeLimit"))
            .nodes(reader.text("nodes", job.get("nodes"), "nodes"))
            .nodeCount(reader.count("node_count", job.get("node_count"), "nodeCount"))
            .cpus(reader.count("cpus", job.get("cpus"), "cpus"))
            .memory(memory(reader, job));

    List<FieldProblem> problems = reader.problems();
    for (FieldProblem problem : problems) {
      if (problem.component() != null) {
        builder.invalid(problem.component());
      }
    }
    warnings.fields("job " + ids.id(), problems);
    return builder.build();
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
