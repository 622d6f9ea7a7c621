package org.slurmscope.api.config;

import java.util.Map;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * Checks the values of one configuration PID before its component sees them. Register an
 * implementation as an OSGi service with the property {@link #PID_PROPERTY} naming the PID; the
 * configuration bundle calls it for every new set of values from a file or from ConfigAdmin. Values
 * that fail are rejected: the component keeps its last good values, or stays inactive when it has
 * none, and the console shows the rejection.
 */
@ConsumerType
public interface ConfigurationValidator {

  /** Service property naming the PID the validator checks. */
  String PID_PROPERTY = "slurmscope.config.pid";

  /**
   * Checks a set of values.
   *
   * @param properties the values as ConfigAdmin delivers them: strings from {@code .cfg} files,
   *     typed values from other sources
   * @throws InvalidConfigurationException for the first value that breaks a rule (any {@link
   *     IllegalArgumentException} is taken as a rejection, with its message)
   */
  void validate(Map<String, Object> properties);
}
