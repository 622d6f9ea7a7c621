package org.slurmscope.overlay.jobs.internal;

import java.util.Map;
import org.osgi.service.component.annotations.Component;
import org.slurmscope.api.config.ConfigurationValidator;

/** Checks {@code org.slurmscope.overlay.jobs} values before the overlay receives them. */
@Component(property = ConfigurationValidator.PID_PROPERTY + "=" + JobOverlayConfiguration.PID)
public final class JobOverlayConfigurationValidator implements ConfigurationValidator {

  @Override
  public void validate(Map<String, Object> properties) {
    JobThresholds.from(properties);
  }
}
