package org.slurmscope.query.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.osgi.service.log.Logger;
import org.slurmscope.api.prometheus.PrometheusClient;
import org.slurmscope.api.prometheus.PrometheusException;
import org.slurmscope.api.prometheus.QueryResult;

/**
 * Finds out once which job dialect a Prometheus speaks, by counting job memory series in each form:
 * a job id label, a job-level cgroup path, or {@code cgroup_info} with job ids. Until one is found
 * (no job has run yet, say) the cgroup path dialect is used and the detection is repeated at most
 * every {@link #RETRY}.
 */
final class DialectDetector {

  /** The wait before another detection while none succeeded, to keep the cost per refresh flat. */
  static final Duration RETRY = Duration.ofMinutes(5);

  private final Logger logger;

  // guarded by this
  private JobDialect detected;
  private Instant lastAttempt;

  DialectDetector(Logger logger) {
    this.logger = logger;
  }

  /** Forgets the detected dialect, for example when the queries changed. */
  synchronized void reset() {
    detected = null;
    lastAttempt = null;
  }

  /**
   * Returns the configured dialect, or for {@code auto} the detected one.
   *
   * @throws InterruptedException when the thread is interrupted during a detection query
   */
  synchronized JobDialect dialect(QuerySettings settings, PrometheusClient client)
      throws InterruptedException {
    if (settings.dialect() != JobDialect.AUTO) {
      return settings.dialect();
    }
    if (detected != null) {
      return detected;
    }
    Instant now = Instant.now();
    if (lastAttempt != null && now.isBefore(lastAttempt.plus(RETRY))) {
      return JobDialect.CGROUP_PATH;
    }
    lastAttempt = now;
    detected = detect(settings, client);
    return detected == null ? JobDialect.CGROUP_PATH : detected;
  }

  private JobDialect detect(QuerySettings settings, PrometheusClient client)
      throws InterruptedException {
    String inner = settings.jobTemplates().get(org.slurmscope.api.metrics.JobMetrics.MEMORY_BYTES);
    if (inner == null) {
      return null;
    }
    String job = settings.jobLabel();
    List<Probe> probes =
        List.of(
            new Probe(
                JobDialect.JOBID_LABEL,
                PromQl.withMatchers(inner, List.of(PromQl.matcher(job, "!=", "")))),
            new Probe(
                JobDialect.CGROUP_PATH,
                PromQl.withMatchers(
                    inner, List.of(PromQl.matcher("cgroup", "=~", CgroupPaths.JOB_PATH_PROMQL)))),
            new Probe(
                JobDialect.CGROUP_INFO, "cgroup_info{" + PromQl.matcher(job, "!=", "") + "}"));
    for (Probe probe : probes) {
      String promql = "count(" + PromQl.withMatchers(probe.selector(), settings.filters()) + ")";
      try {
        QueryResult result = client.query(promql, null);
        if (!result.samples().isEmpty() && result.samples().get(0).value() > 0) {
          logger.info(
              "Job metrics use the {} dialect: {} found series",
              probe.dialect().configValue(),
              promql);
          return probe.dialect();
        }
      } catch (PrometheusException e) {
        logger.warn("Detecting the job dialect failed on {}: {}", promql, e.getMessage());
        return null;
      }
    }
    logger.info(
        "No job series found yet to detect the job dialect; using cgroup-path and trying again"
            + " in {}",
        RETRY);
    return null;
  }

  private record Probe(JobDialect dialect, String selector) {}
}
