package org.slurmscope.slurm.cli.internal;

import java.lang.reflect.Proxy;
import java.util.Map;

/** Builds {@link CliConfiguration} instances as DS would: defaults plus the given values. */
final class TestConfigurations {

  private TestConfigurations() {}

  /** Returns a configuration with the annotation's defaults except for {@code values}. */
  static CliConfiguration cli(Map<String, Object> values) {
    return (CliConfiguration)
        Proxy.newProxyInstance(
            CliConfiguration.class.getClassLoader(),
            new Class<?>[] {CliConfiguration.class},
            (proxy, method, arguments) ->
                values.containsKey(method.getName())
                    ? values.get(method.getName())
                    : method.getDefaultValue());
  }
}
