package org.slurmscope.query.internal;

import java.time.Instant;
import org.slurmscope.api.metrics.MetricResult;
import org.slurmscope.api.prometheus.QueryResult;
import org.slurmscope.api.prometheus.Sample;
import org.slurmscope.query.internal.CgroupPaths.JobCgroup;
import org.slurmscope.query.internal.SeriesMapper.UnusableResultException;

/**
 * Joins the series of a job query result to job ids and sums each job's series over its nodes. The
 * query has already aggregated the exporter's series per job (or cgroup) and node on the server; a
 * job on eight nodes arrives as eight series.
 */
final class JobSeriesMapper {

  private final JobDialect dialect;
  private final String jobLabel;

  /**
   * Creates a mapper for one dialect.
   *
   * @param dialect a detected or configured dialect, never {@link JobDialect#AUTO}
   * @param jobLabel the label holding the job id in the {@code jobid-label} and {@code cgroup-info}
   *     dialects
   */
  JobSeriesMapper(JobDialect dialect, String jobLabel) {
    if (dialect == JobDialect.AUTO) {
      throw new IllegalArgumentException("a job mapper needs a detected dialect");
    }
    this.dialect = dialect;
    this.jobLabel = jobLabel;
  }

  MetricResult map(MetricQuery query, QueryResult result, Instant fetchedAt)
      throws UnusableResultException {
    SeriesMapper.requireVector(query, result);
    ResultBuilder builder = new ResultBuilder(query, describe(), result.warnings());
    for (Sample sample : result.samples()) {
      String job = jobId(sample);
      if (job == null) {
        builder.unmapped(sample);
        continue;
      }
      builder.sum(job, sample, sample.value() * query.scale());
    }
    if (builder.unmappedCount() > 0) {
      builder.warn(
          builder.unmappedCount()
              + " series named no Slurm job ("
              + describe()
              + ") and were skipped");
    }
    return builder.build(fetchedAt);
  }

  /** Returns the job id a series names, or null when it names none. */
  private String jobId(Sample sample) {
    if (dialect == JobDialect.CGROUP_PATH) {
      JobCgroup cgroup = CgroupPaths.parse(sample.labels().get("cgroup"));
      return cgroup == null ? null : cgroup.jobId();
    }
    String id = sample.labels().get(jobLabel);
    return id != null && !id.isEmpty() && id.chars().allMatch(Character::isDigit) ? id : null;
  }

  /** Returns how series become job ids, for explanations. */
  String describe() {
    return switch (dialect) {
      case CGROUP_PATH ->
          "job id from the cgroup label (/slurm[_<node>]/uid_<uid>/job_<id> or"
              + " /system.slice/[<node>_]slurmstepd.scope/job_<id>), summed over the job's nodes";
      case JOBID_LABEL ->
          "job id from the "
              + jobLabel
              + " label (job-level series, else steps, else tasks), summed over the job's nodes";
      case CGROUP_INFO ->
          "job id from cgroup_info{"
              + jobLabel
              + "} joined on the cgroup label, summed over the job's nodes";
      case AUTO -> "not detected";
    };
  }
}
