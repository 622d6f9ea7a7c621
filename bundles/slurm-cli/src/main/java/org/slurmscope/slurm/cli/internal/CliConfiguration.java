package org.slurmscope.slurm.cli.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.osgi.service.metatype.annotations.Option;

/** Configuration of the command line SLURM source, PID {@code org.slurmscope.slurm.cli}. */
@ObjectClassDefinition(
    name = "slurmscope SLURM command line source",
    description = "Reads jobs, nodes and partitions from squeue, sinfo and scontrol with --json")
@interface CliConfiguration {

  /** Name of the configuration PID, for messages. */
  String PID = "org.slurmscope.slurm.cli";

  @AttributeDefinition(
      description =
          "The squeue executable: a name looked up on PATH or an absolute path, without"
              + " arguments.")
  String squeueCommand() default "squeue";

  @AttributeDefinition(
      description =
          "The sinfo executable: a name looked up on PATH or an absolute path, without arguments.")
  String sinfoCommand() default "sinfo";

  @AttributeDefinition(
      description =
          "The scontrol executable: a name looked up on PATH or an absolute path, without"
              + " arguments.")
  String scontrolCommand() default "scontrol";

  @AttributeDefinition(
      description =
          "Absolute path of the slurm.conf the commands read, passed to them as SLURM_CONF."
              + " Empty: they inherit SLURM_CONF from slurmscope's environment, or use Slurm's"
              + " default.",
      required = false)
  String slurmConf() default "";

  @AttributeDefinition(
      description =
          "Seconds one command may run before it is stopped and the poll fails (1 to 600).")
  int timeoutSeconds() default 30;

  @AttributeDefinition(
      description =
          "Where nodes come from. auto: scontrol show nodes --json, or sinfo --json when this"
              + " Slurm release's scontrol has no --json (22.05 and older).",
      options = {
        @Option(label = "auto", value = "auto"),
        @Option(label = "scontrol show nodes --json", value = "scontrol"),
        @Option(label = "sinfo --json (sinfo -N --json from Slurm 23.02 on)", value = "sinfo")
      })
  String nodesCommand() default "auto";
}
