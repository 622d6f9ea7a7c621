package org.slurmscope.query.internal;

import java.util.Map;
import org.osgi.service.component.annotations.Component;
import org.slurmscope.api.config.ConfigurationValidator;

/** Checks {@code org.slurmscope.query} values before the metric source receives them. */
@Component(property = ConfigurationValidator.PID_PROPERTY + "=" + QueryConfiguration.PID)
public final class QueryConfigurationValidator implements ConfigurationValidator {

  @Override
  public void validate(Map<String, Object> properties) {
    QuerySettings.from(properties);
  }
}
