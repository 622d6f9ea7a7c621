package org.slurmscope.state.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Configuration of the state component, PID {@code org.slurmscope.state}. */
@ObjectClassDefinition(
    name = "slurmscope state",
    description = "Which SLURM and metric sources are polled, and how often")
@interface StateConfiguration {

  /** Name of the configuration PID, for messages. */
  String PID = "org.slurmscope.state";

  @AttributeDefinition(
      description =
          "Seconds between polls of the SLURM source. Every user's console polls the same"
              + " slurmctld, so keep this generous (1 to 3600).")
  int slurmRefreshSeconds() default 30;

  @AttributeDefinition(description = "Seconds between metric refreshes (1 to 3600).")
  int metricRefreshSeconds() default 15;

  @AttributeDefinition(
      name = "slurmSource.target",
      description =
          "LDAP filter choosing the SLURM source service: (source=cli), (source=rest) or"
              + " (source=demo).")
  String slurmSource_target() default "(source=cli)";

  @AttributeDefinition(
      name = "metricSource.target",
      description = "LDAP filter choosing the metric source: (source=prometheus) or (source=demo).")
  String metricSource_target() default "(source=prometheus)";
}
