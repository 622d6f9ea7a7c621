package org.slurmscope.slurm.rest.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.osgi.service.metatype.annotations.Option;

/** Configuration of the slurmrestd SLURM source, PID {@code org.slurmscope.slurm.rest}. */
@ObjectClassDefinition(
    name = "slurmscope SLURM REST source",
    description = "Reads jobs, nodes and partitions from slurmrestd with a JWT")
@interface RestConfiguration {

  /** Name of the configuration PID, for messages. */
  String PID = "org.slurmscope.slurm.rest";

  @AttributeDefinition(
      description =
          "Base URL of slurmrestd, http:// or https://, without /slurm/...; a path prefix of a"
              + " proxy is kept.")
  String url() default "http://localhost:6820";

  @AttributeDefinition(
      description =
          "API version such as v0.0.42, or empty to use the newest version both slurmrestd and"
              + " slurmscope know (v0.0.37 to v0.0.44).",
      required = false)
  String apiVersion() default "";

  @AttributeDefinition(
      description =
          "Where the JWT comes from. auto: SLURM_JWT in the environment, else tokenFile when set,"
              + " else scontrol token.",
      options = {
        @Option(label = "auto", value = "auto"),
        @Option(label = "SLURM_JWT environment variable", value = "env"),
        @Option(label = "tokenFile", value = "file"),
        @Option(label = "scontrol token, renewed before it expires", value = "scontrol")
      })
  String tokenSource() default "auto";

  @AttributeDefinition(
      description =
          "Absolute path of a file with the JWT, as a bare token or a SLURM_JWT=... line. It is"
              + " read again when it changes.",
      required = false)
  String tokenFile() default "";

  @AttributeDefinition(
      description =
          "User name sent as X-SLURM-USER-NAME. Empty: the token's own user (its sun claim), else"
              + " the user running slurmscope.",
      required = false)
  String userName() default "";

  @AttributeDefinition(
      description =
          "The scontrol executable that makes tokens: a name on PATH or an absolute path.")
  String scontrolCommand() default "scontrol";

  @AttributeDefinition(
      description =
          "Seconds a token made by scontrol token lasts (lifespan=), 60 to 86400. slurm.conf may"
              + " cap it with AuthAltParameters=jwt_max_lifespan.")
  int tokenLifespanSeconds() default 1800;

  @AttributeDefinition(
      description =
          "Seconds before a token expires at which a new one is made (scontrol) or the file is"
              + " read again, 10 to 3600.")
  int renewBeforeSeconds() default 300;

  @AttributeDefinition(description = "Milliseconds to open a connection to slurmrestd.")
  int connectTimeoutMillis() default 2000;

  @AttributeDefinition(
      description = "Milliseconds a whole request may take, including reading a long job list.")
  int callTimeoutMillis() default 60000;
}
