package org.slurmscope.demo.internal;

import java.util.Map;
import org.osgi.service.component.annotations.Component;
import org.slurmscope.api.config.ConfigurationValidator;

/** Checks {@code org.slurmscope.demo} values before the demo cluster sees them. */
@Component(property = ConfigurationValidator.PID_PROPERTY + "=" + DemoSettings.PID)
public final class DemoConfigurationValidator implements ConfigurationValidator {

  @Override
  public void validate(Map<String, Object> properties) {
    DemoSettings.parse(properties);
  }
}
