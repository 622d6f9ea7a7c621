package org.slurmscope.overlay.nodes.internal;

import java.util.Map;
import org.osgi.service.component.annotations.Component;
import org.slurmscope.api.config.ConfigurationValidator;

/** Checks {@code org.slurmscope.overlay.nodes} values before the overlay sees them. */
@Component(property = ConfigurationValidator.PID_PROPERTY + "=" + NodeOverlayConfiguration.PID)
public final class NodeOverlayConfigurationValidator implements ConfigurationValidator {

  @Override
  public void validate(Map<String, Object> properties) {
    Thresholds.from(properties);
  }
}
