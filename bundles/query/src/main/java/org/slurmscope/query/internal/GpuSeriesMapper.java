package org.slurmscope.query.internal;

import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.slurmscope.api.metrics.Absence;
import org.slurmscope.api.metrics.GpuMetrics;
import org.slurmscope.api.metrics.JobMetrics;
import org.slurmscope.api.metrics.MetricResult;
import org.slurmscope.api.prometheus.QueryResult;
import org.slurmscope.api.prometheus.Sample;
import org.slurmscope.query.internal.SeriesMapper.UnusableResultException;

/**
 * Joins dcgm-exporter series to GPU keys ({@link MetricKind#GPU}) or to the jobs their {@code
 * hpc_job} label names ({@link MetricKind#GPU_JOB}).
 *
 * <p>One value per GPU (or MIG instance): dcgm-exporter puts the label of any job on a MIG GPU on
 * every instance of it, so a GPU can come back once per job and is still counted once. A GPU that
 * carries two job labels is attributed to neither, and its jobs are marked ambiguous. DCGM's blank
 * values are "no value".
 */
final class GpuSeriesMapper {

  private final List<String> hostLabels;
  private final String jobLabel;
  private final NodeNameMapper names;

  GpuSeriesMapper(List<String> hostLabels, String jobLabel, NodeNameMapper names) {
    this.hostLabels = List.copyOf(hostLabels);
    this.jobLabel = jobLabel;
    this.names = names;
  }

  MetricResult map(MetricQuery query, QueryResult result, Instant fetchedAt)
      throws UnusableResultException {
    SeriesMapper.requireVector(query, result);
    ResultBuilder gpus = new ResultBuilder(query, describe(), result.warnings());
    Map<String, Sample> gpuSamples = new LinkedHashMap<>();
    Map<String, Set<String>> jobsOfGpu = new HashMap<>();
    for (Sample sample : result.samples()) {
      String key = gpuKey(sample);
      if (key == null) {
        gpus.unmapped(sample);
        continue;
      }
      String job = sample.labels().get(jobLabel);
      if (job != null && !job.isEmpty()) {
        jobsOfGpu.computeIfAbsent(key, k -> new TreeSet<>()).add(job);
      }
      if (ResultBuilder.isBlank(sample.value())) {
        gpus.absent(
            key,
            new Absence(
                Absence.Reason.BLANK_VALUE,
                "DCGM sent its blank value "
                    + (long) sample.value()
                    + " (field not supported or not measured) for "
                    + key));
        continue;
      }
      if (gpus.first(key, sample, sample.value() * query.scale()) == null) {
        gpuSamples.put(key, sample);
      }
    }
    if (query.kind() == MetricKind.GPU) {
      return gpus.build(fetchedAt);
    }
    return byJob(query, result, fetchedAt, gpus, gpuSamples, jobsOfGpu);
  }

  /** Attributes each GPU's value to the one job its series name, averaging utilisation. */
  private MetricResult byJob(
      MetricQuery query,
      QueryResult result,
      Instant fetchedAt,
      ResultBuilder gpus,
      Map<String, Sample> gpuSamples,
      Map<String, Set<String>> jobsOfGpu) {
    ResultBuilder jobs = new ResultBuilder(query, describe(), result.warnings());
    boolean average = query.metric().equals(JobMetrics.GPU_UTILIZATION_PERCENT);
    Map<String, Integer> gpuCount = new HashMap<>();
    for (Map.Entry<String, Sample> entry : gpuSamples.entrySet()) {
      String gpu = entry.getKey();
      Set<String> named = jobsOfGpu.getOrDefault(gpu, Set.of());
      if (named.size() > 1) {
        for (String job : named) {
          jobs.absent(
              job,
              new Absence(
                  Absence.Reason.AMBIGUOUS,
                  "GPU " + gpu + " carries " + jobLabel + " values " + named + "; not attributed"));
        }
        continue;
      }
      if (named.isEmpty()) {
        continue;
      }
      String job = named.iterator().next();
      jobs.sum(job, entry.getValue(), gpus.values().get(gpu));
      gpuCount.merge(job, 1, Integer::sum);
    }
    if (average) {
      gpuCount.forEach((job, count) -> jobs.replace(job, jobs.values().get(job) / count));
    }
    return jobs.build(fetchedAt);
  }

  /** Returns the GPU key of a series, or null when it names no host or GPU index. */
  private String gpuKey(Sample sample) {
    String host = null;
    for (String label : hostLabels) {
      String value = sample.labels().get(label);
      if (value != null && !value.isEmpty()) {
        host = names.nodeName(value);
        break;
      }
    }
    String gpu = sample.labels().get("gpu");
    if (host == null || gpu == null || gpu.isEmpty() || !gpu.chars().allMatch(Character::isDigit)) {
      return null;
    }
    int index = Integer.parseInt(gpu);
    String instance = sample.labels().get("GPU_I_ID");
    return instance == null || instance.isEmpty()
        ? GpuMetrics.key(host, index)
        : GpuMetrics.key(host, index, instance);
  }

  String describe() {
    return "host from the first of "
        + String.join(", ", hostLabels)
        + " ("
        + names.describe()
        + "), GPU from gpu and GPU_I_ID, job from "
        + jobLabel;
  }
}
