package org.slurmscope.query.internal;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the job id, and the node of a multiple-slurmd build, from the cgroup path of a Slurm job,
 * as the cgroup exporter labels it ({@code cgroup="/slurm/uid_2001/job_6"}).
 *
 * <p>Paths of Slurm's cgroup plugins:
 *
 * <ul>
 *   <li>cgroup v1: {@code /slurm/uid_<uid>/job_<id>}; with {@code --enable-multiple-slurmd} the
 *       root is {@code /slurm_<nodename>}.
 *   <li>cgroup v2: {@code /system.slice/slurmstepd.scope/job_<id>}; with multiple slurmd the scope
 *       is {@code <nodename>_slurmstepd.scope}.
 * </ul>
 *
 * Only job-level paths match: the step and task cgroups below them count the same CPU time and
 * memory again.
 */
final class CgroupPaths {

  /** Matches a job-level cgroup of either version; group "node" is the multiple-slurmd prefix. */
  static final Pattern JOB_PATH =
      Pattern.compile(
          "/(?:slurm(?:_(?<v1node>[^/]+))?/uid_[0-9]+"
              + "|system\\.slice/(?:(?<v2node>[^/]+)_)?slurmstepd\\.scope)"
              + "/job_(?<job>[0-9]+)/?");

  /**
   * The same rule as a regular expression for a PromQL {@code =~} matcher (which anchors it), to
   * select only job-level cgroups on the server.
   */
  static final String JOB_PATH_PROMQL =
      "/(slurm(_[^/]+)?/uid_[0-9]+|system\\.slice/([^/]+_)?slurmstepd\\.scope)/job_[0-9]+/?";

  private CgroupPaths() {}

  /**
   * The job of a cgroup path.
   *
   * @param jobId Slurm's numeric job id
   * @param node the node name of a multiple-slurmd build's path, or null when the path has none
   */
  record JobCgroup(String jobId, String node) {}

  /** Returns the job of a job-level cgroup path, or null for any other path. */
  static JobCgroup parse(String path) {
    if (path == null) {
      return null;
    }
    Matcher match = JOB_PATH.matcher(path);
    if (!match.matches()) {
      return null;
    }
    String node = match.group("v1node") != null ? match.group("v1node") : match.group("v2node");
    return new JobCgroup(match.group("job"), node);
  }
}
