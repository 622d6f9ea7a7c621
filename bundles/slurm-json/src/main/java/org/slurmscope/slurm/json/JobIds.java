package org.slurmscope.slurm.json;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A job's id in the form Slurm prints it, built from the numeric fields of the JSON record.
 *
 * <p>An array task is {@code <array_job_id>_<array_task_id>}. The pending remainder of an array is
 * one record whose task id is not set and whose {@code array_task_string} contains the range: it is
 * {@code <array_job_id>_[<range>]} ({@code 8_[3-6%2]}), or {@code <array_job_id>_<task>} when one
 * task is left. A heterogeneous job component is {@code <het_job_id>+<het_job_offset>}. Every other
 * job is its {@code job_id}.
 *
 * @param id the id as Slurm prints it
 * @param arrayJobId the array's job id for an array record, else null
 * @param arrayTaskId the task id or the pending range for an array record, else null
 * @param hetJobId the heterogeneous job's id for a component, else null
 * @param hetJobOffset the component's offset, else null
 */
record JobIds(
    String id, String arrayJobId, String arrayTaskId, String hetJobId, Integer hetJobOffset) {

  JobIds(String id, String arrayJobId, String arrayTaskId) {
    this(id, arrayJobId, arrayTaskId, null, null);
  }

  static JobIds read(FieldReader reader, JsonNode job, long jobId) {
    SlurmNumber arrayJob = reader.number("array_job_id", job.get("array_job_id"), "arrayJobId");
    if (arrayJob.isValue() && arrayJob.value() > 0) {
      return arrayIds(reader, job, Long.toString(arrayJob.value()), jobId);
    }

    // The het fields are 0 for a job that is not heterogeneous.
    SlurmNumber hetJob = reader.number("het_job_id", job.get("het_job_id"), null);
    SlurmNumber hetOffset = reader.number("het_job_offset", job.get("het_job_offset"), null);
    if (hetJob.isValue() && hetJob.value() > 0 && hetOffset.isValue()) {
      String hetId = Long.toString(hetJob.value());
      return new JobIds(
          hetId + "+" + hetOffset.value(), null, null, hetId, (int) hetOffset.value());
    }
    return new JobIds(Long.toString(jobId), null, null);
  }

  private static JobIds arrayIds(FieldReader reader, JsonNode job, String arrayJobId, long jobId) {
    SlurmNumber task = reader.number("array_task_id", job.get("array_task_id"), "arrayTaskId");
    if (task.isValue()) {
      String taskId = Long.toString(task.value());
      return new JobIds(arrayJobId + "_" + taskId, arrayJobId, taskId);
    }
    String range = reader.text("array_task_string", job.get("array_task_string"), "arrayTaskId");
    if (range == null || range.isEmpty()) {
      return new JobIds(Long.toString(jobId), arrayJobId, null);
    }
    String id = isDigits(range) ? arrayJobId + "_" + range : arrayJobId + "_[" + range + "]";
    return new JobIds(id, arrayJobId, range);
  }

  private static boolean isDigits(String text) {
    for (int i = 0; i < text.length(); i++) {
      if (!Character.isDigit(text.charAt(i))) {
        return false;
      }
    }
    return true;
  }
}
