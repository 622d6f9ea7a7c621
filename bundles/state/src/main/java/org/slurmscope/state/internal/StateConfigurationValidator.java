package org.slurmscope.state.internal;

import java.util.Map;
import org.osgi.service.component.annotations.Component;
import org.slurmscope.api.config.ConfigurationValidator;

/** Checks {@code org.slurmscope.state} values before the state component sees them. */
@Component(property = ConfigurationValidator.PID_PROPERTY + "=" + StateConfiguration.PID)
public final class StateConfigurationValidator implements ConfigurationValidator {

  @Override
  public void validate(Map<String, Object> properties) {
    StateSettings.from(properties);
  }
}
