package org.slurmscope.demo.internal;

/** Reasons Slurm gives for a pending job, with their text as {@code squeue} prints it. */
enum PendingReason {
  RESOURCES("Resources"),
  PRIORITY("Priority"),
  DEPENDENCY("Dependency"),
  JOB_HELD_USER("JobHeldUser"),
  BEGIN_TIME("BeginTime"),
  QOS_MAX_JOBS_PER_USER("QOSMaxJobsPerUserLimit"),
  JOB_ARRAY_TASK_LIMIT("JobArrayTaskLimit");

  private final String text;

  PendingReason(String text) {
    this.text = text;
  }

  String text() {
    return text;
  }
}
