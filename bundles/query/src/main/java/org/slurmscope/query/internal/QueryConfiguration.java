package org.slurmscope.query.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.osgi.service.metatype.annotations.Option;

/**
 * Configuration of the Prometheus metric source, PID {@code org.slurmscope.query}. The component
 * reads the raw values (so that named queries {@code query.<metric>} can be added); this annotation
 * documents the fixed keys and their defaults.
 */
@ObjectClassDefinition(
    id = QueryConfiguration.PID,
    name = "slurmscope metric queries",
    description =
        "The PromQL template of each metric and how series are mapped to SLURM nodes, jobs and"
            + " GPUs")
@interface QueryConfiguration {

  /** Name of the configuration PID, for messages. */
  String PID = "org.slurmscope.query";

  @AttributeDefinition(description = "PromQL for busy CPU in percent, one series per node.")
  String nodeCpuPercentQuery() default Catalogue.NODE_CPU_PERCENT;

  @AttributeDefinition(description = "PromQL for memory in use in percent, one series per node.")
  String nodeMemoryPercentQuery() default Catalogue.NODE_MEMORY_PERCENT;

  @AttributeDefinition(description = "PromQL for the one-minute load, one series per node.")
  String nodeLoad1Query() default Catalogue.NODE_LOAD1;

  @AttributeDefinition(description = "PromQL for the five-minute load, one series per node.")
  String nodeLoad5Query() default Catalogue.NODE_LOAD5;

  @AttributeDefinition(description = "PromQL for the fifteen-minute load, one series per node.")
  String nodeLoad15Query() default Catalogue.NODE_LOAD15;

  @AttributeDefinition(description = "PromQL for disk bytes read per second, per node.")
  String nodeDiskReadQuery() default Catalogue.NODE_DISK_READ;

  @AttributeDefinition(description = "PromQL for disk bytes written per second, per node.")
  String nodeDiskWriteQuery() default Catalogue.NODE_DISK_WRITE;

  @AttributeDefinition(description = "PromQL for network bytes received per second, per node.")
  String nodeNetworkReceiveQuery() default Catalogue.NODE_NETWORK_RECEIVE;

  @AttributeDefinition(description = "PromQL for network bytes sent per second, per node.")
  String nodeNetworkTransmitQuery() default Catalogue.NODE_NETWORK_TRANSMIT;

  @AttributeDefinition(description = "PromQL for the hottest hwmon sensor in Celsius, per node.")
  String nodeTemperatureQuery() default Catalogue.NODE_TEMPERATURE;

  @AttributeDefinition(description = "PromQL for the fullest file system in percent, per node.")
  String nodeFilesystemPercentQuery() default Catalogue.NODE_FILESYSTEM_PERCENT;

  @AttributeDefinition(
      description = "PromQL for the scrape targets' up series, one series per target.")
  String nodeUpQuery() default Catalogue.NODE_UP;

  @AttributeDefinition(
      description = "PromQL for CPU seconds per second of each job cgroup, before the job mapping.")
  String jobCpuQuery() default Catalogue.JOB_CPU;

  @AttributeDefinition(description = "PromQL for memory in use of each job cgroup, in bytes.")
  String jobMemoryQuery() default Catalogue.JOB_MEMORY;

  @AttributeDefinition(description = "PromQL for peak memory of each job cgroup, in bytes.")
  String jobMemoryPeakQuery() default Catalogue.JOB_MEMORY_PEAK;

  @AttributeDefinition(description = "PromQL for bytes read per second per job cgroup; empty: off.")
  String jobIoReadQuery() default Catalogue.JOB_IO_READ;

  @AttributeDefinition(
      description = "PromQL for bytes written per second per job cgroup; empty: off.")
  String jobIoWriteQuery() default Catalogue.JOB_IO_WRITE;

  @AttributeDefinition(description = "PromQL for GPU utilisation in percent, one series per GPU.")
  String gpuUtilizationQuery() default Catalogue.GPU_UTILIZATION;

  @AttributeDefinition(description = "PromQL for GPU memory in use in MiB, one series per GPU.")
  String gpuMemoryQuery() default Catalogue.GPU_MEMORY;

  @AttributeDefinition(description = "Rate window, the {{rateWindow}} of templates.")
  String rateWindow() default "1m";

  @AttributeDefinition(description = "Peak memory window, the {{peakWindow}} of templates.")
  String peakWindow() default "1h";

  @AttributeDefinition(
      description = "Label whose value names the node; the {{nodeLabel}} of templates.")
  String nodeLabel() default "instance";

  @AttributeDefinition(
      description =
          "true to join node_uname_info on nodeLabel and name nodes by its nodename label.")
  boolean nodeUnameJoin() default false;

  @AttributeDefinition(
      description = "How the host name in the label value becomes the SLURM node name.",
      options = {
        @Option(label = "keep the host name as it is", value = "keep"),
        @Option(label = "strip the nodeDomain suffix", value = "strip-suffix"),
        @Option(label = "keep the part before the first dot", value = "short"),
        @Option(label = "add the nodeDomain suffix to short names", value = "add-suffix")
      })
  String domainMode() default "keep";

  @AttributeDefinition(
      description = "Domain suffix for domainMode strip-suffix or add-suffix; empty otherwise.")
  String nodeDomain() default "";

  @AttributeDefinition(
      description = "Label that tells clusters apart on a shared Prometheus; empty: no filter.")
  String clusterLabel() default "";

  @AttributeDefinition(description = "Value of clusterLabel that selects this cluster.")
  String clusterValue() default "";

  @AttributeDefinition(
      description = "How job series name their job.",
      options = {
        @Option(label = "detect once", value = "auto"),
        @Option(label = "cgroup path label", value = "cgroup-path"),
        @Option(label = "job id label", value = "jobid-label"),
        @Option(label = "cgroup_info join", value = "cgroup-info")
      })
  String jobDialect() default "auto";

  @AttributeDefinition(description = "Label holding the job id in jobid-label and cgroup-info.")
  String jobLabel() default "jobid";

  @AttributeDefinition(
      description = "Labels naming a GPU's host, the first one present wins, comma-separated.")
  String gpuHostLabels() default "Hostname,hostname,instance";

  @AttributeDefinition(description = "Label of dcgm-exporter naming the job on a GPU.")
  String gpuJobLabel() default "hpc_job";
}
