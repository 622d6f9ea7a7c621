package org.slurmscope.demo.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * The configuration of the demo cluster, PID {@code org.slurmscope.demo}. It describes the keys for
 * the metatype service; {@link DemoSettings#parse} reads and checks the values.
 */
@ObjectClassDefinition(
    name = "slurmscope demo cluster",
    description = "The simulated cluster behind slurmscope --demo.")
@interface DemoConfiguration {

  @AttributeDefinition(
      name = "Nodes",
      description = "Number of simulated nodes, 1 to 100000.",
      min = "1",
      max = "100000")
  int nodes() default DemoSettings.DEFAULT_NODES;

  @AttributeDefinition(
      name = "Jobs",
      description =
          "About how many jobs a snapshot lists (pending, running and recently finished),"
              + " 0 to 1000000.",
      min = "0",
      max = "1000000")
  int jobs() default DemoSettings.DEFAULT_JOBS;

  @AttributeDefinition(
      name = "Seed",
      description = "Seed of the simulation: the same seed and sizes give the same cluster.")
  long seed() default DemoSettings.DEFAULT_SEED;

  @AttributeDefinition(
      name = "Cluster name",
      description = "Cluster name the snapshots report, without spaces.")
  String clusterName() default DemoSettings.DEFAULT_CLUSTER_NAME;

  @AttributeDefinition(
      name = "Latency (ms)",
      description =
          "Delay added to every fetch in milliseconds, 0 to 60000, so that the console's"
              + " loading state can be seen.",
      min = "0",
      max = "60000")
  long latencyMillis() default DemoSettings.DEFAULT_LATENCY_MILLIS;
}
