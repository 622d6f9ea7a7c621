package org.slurmscope.query.internal;

/** The form in which job metric series name their job, as a site's cgroup exporter writes it. */
enum JobDialect {
  /** Detect once from the series Prometheus holds. */
  AUTO("auto"),
  /** The {@code cgroup} label contains the job's cgroup path (treydock/cgroup_exporter). */
  CGROUP_PATH("cgroup-path"),
  /** The series carry the job id in a label, {@code jobid} by default (the jobstats fork). */
  JOBID_LABEL("jobid-label"),
  /** The job id comes from joining {@code cgroup_info{jobid}} on the {@code cgroup} label. */
  CGROUP_INFO("cgroup-info");

  private final String configValue;

  JobDialect(String configValue) {
    this.configValue = configValue;
  }

  /** Returns the value that selects this dialect in the configuration. */
  String configValue() {
    return configValue;
  }

  /** Returns the dialect for a configuration value, or null when there is none. */
  static JobDialect fromConfigValue(String value) {
    for (JobDialect dialect : values()) {
      if (dialect.configValue.equals(value)) {
        return dialect;
      }
    }
    return null;
  }
}
