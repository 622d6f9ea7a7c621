package org.slurmscope.query.internal;

import java.util.List;
import org.slurmscope.api.metrics.GpuMetrics;
import org.slurmscope.api.metrics.JobMetrics;
import org.slurmscope.api.metrics.NodeMetrics;

/**
 * The built-in metrics: each one's configuration key, default PromQL template, and result kind.
 *
 * <p>Templates may use the parameters {@code {{nodeLabel}}}, {@code {{rateWindow}}} and {@code
 * {{peakWindow}}}. Node templates aggregate by the node label; job templates select the exporter's
 * per-cgroup series, which the job dialect then aggregates per job and node; GPU templates select
 * one series per GPU as dcgm-exporter writes them.
 */
final class Catalogue {

  static final String NODE_CPU_PERCENT =
      "100 * (1 - avg by ({{nodeLabel}}) (rate(node_cpu_seconds_total{mode=\"idle\"}[{{rateWindow}}])))";
  static final String NODE_MEMORY_PERCENT =
      "100 * (1 - max by ({{nodeLabel}}) (node_memory_MemAvailable_bytes)"
          + " / max by ({{nodeLabel}}) (node_memory_MemTotal_bytes))";
  static final String NODE_LOAD1 = "max by ({{nodeLabel}}) (node_load1)";
  static final String NODE_LOAD5 = "max by ({{nodeLabel}}) (node_load5)";
  static final String NODE_LOAD15 = "max by ({{nodeLabel}}) (node_load15)";
  static final String NODE_DISK_READ =
      "sum by ({{nodeLabel}}) (rate(node_disk_read_bytes_total[{{rateWindow}}]))";
  static final String NODE_DISK_WRITE =
      "sum by ({{nodeLabel}}) (rate(node_disk_written_bytes_total[{{rateWindow}}]))";
  static final String NODE_NETWORK_RECEIVE =
      "sum by ({{nodeLabel}}) (rate(node_network_receive_bytes_total{device!=\"lo\"}[{{rateWindow}}]))";
  static final String NODE_NETWORK_TRANSMIT =
      "sum by ({{nodeLabel}}) (rate(node_network_transmit_bytes_total{device!=\"lo\"}[{{rateWindow}}]))";
  static final String NODE_TEMPERATURE = "max by ({{nodeLabel}}) (node_hwmon_temp_celsius)";

  /** Pseudo and in-memory file systems have no disk to fill. */
  static final String NODE_FILESYSTEM_PERCENT =
      "100 * max by ({{nodeLabel}}) (1 - node_filesystem_avail_bytes{fstype!~\"tmpfs|ramfs|overlay|squashfs|nsfs|devtmpfs\"}"
          + " / node_filesystem_size_bytes{fstype!~\"tmpfs|ramfs|overlay|squashfs|nsfs|devtmpfs\"})";

  static final String NODE_UP = "up";

  static final String JOB_CPU = "rate(cgroup_cpu_total_seconds[{{rateWindow}}])";
  static final String JOB_MEMORY = "cgroup_memory_used_bytes";
  static final String JOB_MEMORY_PEAK = "max_over_time(cgroup_memory_used_bytes[{{peakWindow}}])";

  /** Off by default: treydock's cgroup_exporter reports no I/O per job. */
  static final String JOB_IO_READ = "";

  static final String JOB_IO_WRITE = "";

  /**
   * DCGM's GPU_UTIL is always 0 on a MIG instance, so MIG instances (GPU_I_ID set) use the graphics
   * engine activity, a ratio, in percent instead.
   */
  static final String GPU_UTILIZATION =
      "DCGM_FI_DEV_GPU_UTIL{GPU_I_ID=\"\"} or 100 * DCGM_FI_PROF_GR_ENGINE_ACTIVE{GPU_I_ID!=\"\"}";

  /** Frame buffer in use in MiB, as dcgm-exporter reports it; scaled to bytes after the check. */
  static final String GPU_MEMORY = "DCGM_FI_DEV_FB_USED";

  static final double MIB = 1024.0 * 1024.0;

  /**
   * One built-in metric.
   *
   * @param metric the metric name
   * @param configKey the configuration key of its template
   * @param template the default template
   * @param kind what its keys are
   * @param scale the factor applied to each value after the blank-value check
   */
  record Entry(String metric, String configKey, String template, MetricKind kind, double scale) {}

  static final List<Entry> ENTRIES =
      List.of(
          node(NodeMetrics.CPU_PERCENT, "nodeCpuPercentQuery", NODE_CPU_PERCENT),
          node(NodeMetrics.MEMORY_PERCENT, "nodeMemoryPercentQuery", NODE_MEMORY_PERCENT),
          node(NodeMetrics.LOAD1, "nodeLoad1Query", NODE_LOAD1),
          node(NodeMetrics.LOAD5, "nodeLoad5Query", NODE_LOAD5),
          node(NodeMetrics.LOAD15, "nodeLoad15Query", NODE_LOAD15),
          node(NodeMetrics.DISK_READ_BYTES_PER_SECOND, "nodeDiskReadQuery", NODE_DISK_READ),
          node(NodeMetrics.DISK_WRITE_BYTES_PER_SECOND, "nodeDiskWriteQuery", NODE_DISK_WRITE),
          node(
              NodeMetrics.NETWORK_RECEIVE_BYTES_PER_SECOND,
              "nodeNetworkReceiveQuery",
              NODE_NETWORK_RECEIVE),
          node(
              NodeMetrics.NETWORK_TRANSMIT_BYTES_PER_SECOND,
              "nodeNetworkTransmitQuery",
              NODE_NETWORK_TRANSMIT),
          node(NodeMetrics.TEMPERATURE_CELSIUS, "nodeTemperatureQuery", NODE_TEMPERATURE),
          node(
              NodeMetrics.FILESYSTEM_PERCENT,
              "nodeFilesystemPercentQuery",
              NODE_FILESYSTEM_PERCENT),
          new Entry(NodeMetrics.UP, "nodeUpQuery", NODE_UP, MetricKind.NODE_UP, 1),
          job(JobMetrics.CPU_CORES, "jobCpuQuery", JOB_CPU),
          job(JobMetrics.MEMORY_BYTES, "jobMemoryQuery", JOB_MEMORY),
          job(JobMetrics.MEMORY_PEAK_BYTES, "jobMemoryPeakQuery", JOB_MEMORY_PEAK),
          job(JobMetrics.IO_READ_BYTES_PER_SECOND, "jobIoReadQuery", JOB_IO_READ),
          job(JobMetrics.IO_WRITE_BYTES_PER_SECOND, "jobIoWriteQuery", JOB_IO_WRITE),
          new Entry(
              GpuMetrics.UTILIZATION_PERCENT,
              "gpuUtilizationQuery",
              GPU_UTILIZATION,
              MetricKind.GPU,
              1),
          new Entry(GpuMetrics.MEMORY_BYTES, "gpuMemoryQuery", GPU_MEMORY, MetricKind.GPU, MIB),
          new Entry(
              JobMetrics.GPU_UTILIZATION_PERCENT,
              "gpuUtilizationQuery",
              GPU_UTILIZATION,
              MetricKind.GPU_JOB,
              1),
          new Entry(
              JobMetrics.GPU_MEMORY_BYTES, "gpuMemoryQuery", GPU_MEMORY, MetricKind.GPU_JOB, MIB));

  private Catalogue() {}

  private static Entry node(String metric, String key, String template) {
    return new Entry(metric, key, template, MetricKind.NODE, 1);
  }

  private static Entry job(String metric, String key, String template) {
    return new Entry(metric, key, template, MetricKind.JOB, 1);
  }
}
