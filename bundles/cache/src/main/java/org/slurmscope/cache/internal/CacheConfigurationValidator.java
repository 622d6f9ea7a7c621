package org.slurmscope.cache.internal;

import java.util.Map;
import org.osgi.service.component.annotations.Component;
import org.slurmscope.api.config.ConfigurationValidator;

/** Checks {@code org.slurmscope.cache} values before the cache receives them. */
@Component(property = ConfigurationValidator.PID_PROPERTY + "=" + CacheConfiguration.PID)
public final class CacheConfigurationValidator implements ConfigurationValidator {

  @Override
  public void validate(Map<String, Object> properties) {
    CacheSettings.from(properties);
  }
}
