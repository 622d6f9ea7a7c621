package org.slurmscope.api.config;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The state of slurmscope's configuration: which PIDs were rejected, which components are switched
 * off, and the switch itself. Provided by the configuration bundle.
 */
@ProviderType
public interface ConfigurationStatus {

  /** The key that switches a component off when false, in any slurmscope PID. */
  String ENABLED_KEY = "enabled";

  /** Returns the current rejections, one per PID, oldest first. */
  List<ConfigurationProblem> problems();

  /** Returns false when the PID's configuration in force says {@code enabled=false}. */
  boolean isEnabled(String pid);

  /**
   * Switches a component on or off by writing {@code enabled} into the user's own file for the PID,
   * so that the switch survives a restart; the PID's other keys are left as they are.
   *
   * @return the file written
   * @throws IOException when the file cannot be written; the message names the file
   */
  Path setEnabled(String pid, boolean enabled) throws IOException;
}
