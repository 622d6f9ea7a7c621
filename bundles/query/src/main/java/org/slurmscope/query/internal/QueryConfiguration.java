package org.slurmscope.query.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.osgi.service.metatype.annotations.Option;

/** Configuration of the Prometheus metric source, PID {@code org.slurmscope.query}. */
@ObjectClassDefinition(
    id = QueryConfiguration.PID,
    name = "slurmscope metric queries",
    description =
        "The PromQL query of each node metric and how series are mapped to SLURM node names")
@interface QueryConfiguration {

  /** Name of the configuration PID, for messages. */
  String PID = "org.slurmscope.query";

  @AttributeDefinition(
      description =
          "PromQL for busy CPU in percent of all CPUs, one series per node labelled with nodeLabel.")
  String nodeCpuPercentQuery() default
      "100 * (1 - avg by (instance) (rate(node_cpu_seconds_total{mode=\"idle\"}[1m])))";

  @AttributeDefinition(
      description =
          "PromQL for memory in use (total minus available) in percent of total memory, one"
              + " series per node labelled with nodeLabel.")
  String nodeMemoryPercentQuery() default
      "100 * (1 - max by (instance) (node_memory_MemAvailable_bytes)"
          + " / max by (instance) (node_memory_MemTotal_bytes))";

  @AttributeDefinition(
      description =
          "PromQL for the one-minute load average, one series per node labelled with"
              + " nodeLabel.")
  String nodeLoad1Query() default "max by (instance) (node_load1)";

  @AttributeDefinition(
      description =
          "Label whose value names the node in every query result. The queries must keep it,"
              + " for example with by (instance).")
  String nodeLabel() default "instance";

  @AttributeDefinition(
      description =
          "How the host name in the label value becomes the SLURM node name, after the :port is"
              + " removed: keep it, strip the nodeDomain suffix, or keep the short name before the"
              + " first dot.",
      options = {
        @Option(label = "keep the host name as it is", value = "keep"),
        @Option(label = "strip the nodeDomain suffix", value = "strip-suffix"),
        @Option(label = "keep the part before the first dot", value = "short")
      })
  String domainMode() default "keep";

  @AttributeDefinition(
      description =
          "Domain suffix removed from host names with domainMode=strip-suffix, for example"
              + " .cluster.example.org; empty otherwise.")
  String nodeDomain() default "";
}
