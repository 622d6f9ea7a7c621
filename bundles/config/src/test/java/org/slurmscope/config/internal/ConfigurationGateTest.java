package org.slurmscope.config.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.service.log.Logger;
import org.slurmscope.api.config.ConfigurationValidator;
import org.slurmscope.api.config.ConfigurationValues;

class ConfigurationGateTest {

  private static final String PID = "org.slurmscope.state";

  /** Accepts refresh values from 1 to 3600, like the state component. */
  private static final ConfigurationValidator VALIDATOR =
      properties -> ConfigurationValues.of(PID, properties).integer("refresh", 30, 1, 3600);

  @TempDir Path dir;

  private final ConfigurationGate gate = new ConfigurationGate();

  @BeforeEach
  void wire() throws Exception {
    set(
        "logger",
        Proxy.newProxyInstance(
            Logger.class.getClassLoader(),
            new Class<?>[] {Logger.class},
            (proxy, method, args) -> null));
    set(
        "folders",
        new ConfigFolders(List.of(dir.resolve("site"), dir.resolve("user")), dir.resolve("user")));
    gate.bindValidator(VALIDATOR, Map.of(ConfigurationValidator.PID_PROPERTY, PID));
  }

  @Test
  void validValuesPassUnchanged() {
    Dictionary<String, Object> properties = deliver("refresh", "10");

    assertThat(properties.get("refresh")).isEqualTo("10");
    assertThat(properties.get(ConfigurationGate.CONDITION_TARGET)).isNull();
    assertThat(gate.problems()).isEmpty();
  }

  @Test
  void invalidValueReplacedByLastGood() {
    deliver("refresh", "10");

    Dictionary<String, Object> properties = deliver("refresh", "0");

    assertThat(properties.get("refresh")).isEqualTo("10");
    assertThat(properties.get(ConfigurationGate.CONDITION_TARGET)).isNull();
    assertThat(gate.problems())
        .singleElement()
        .satisfies(
            problem -> {
              assertThat(problem.pid()).isEqualTo(PID);
              assertThat(problem.message()).contains("refresh=0").contains("between 1 and 3600");
              assertThat(problem.active()).isTrue();
            });
  }

  @Test
  void invalidValueWithoutLastGoodHoldsComponent() {
    Dictionary<String, Object> properties = deliver("refresh", "abc");

    assertThat(properties.get(ConfigurationGate.CONDITION_TARGET))
        .isEqualTo(ConfigurationGate.INVALID);
    assertThat(gate.problems())
        .singleElement()
        .satisfies(problem -> assertThat(problem.active()).isFalse());
  }

  @Test
  void fixedValueClearsProblem() {
    deliver("refresh", "0");
    deliver("refresh", "20");

    assertThat(gate.problems()).isEmpty();
  }

  @Test
  void enabledFalseHoldsComponent() {
    Dictionary<String, Object> properties = deliver("enabled", "false");

    assertThat(properties.get(ConfigurationGate.CONDITION_TARGET))
        .isEqualTo(ConfigurationGate.DISABLED);
    assertThat(gate.isEnabled(PID)).isFalse();

    Dictionary<String, Object> again = deliver("enabled", "true");
    assertThat(again.get(ConfigurationGate.CONDITION_TARGET)).isNull();
    assertThat(gate.isEnabled(PID)).isTrue();
  }

  @Test
  void otherPidsUntouched() {
    Dictionary<String, Object> properties = new Hashtable<>();
    properties.put("service.pid", "org.apache.felix.something");
    properties.put("enabled", "false");

    gate.modifyConfiguration(null, properties);

    assertThat(properties.get(ConfigurationGate.CONDITION_TARGET)).isNull();
  }

  @Test
  void setEnabledWritesOnlyTheSwitchIntoUserFile() throws IOException {
    Path file = gate.setEnabled("org.slurmscope.overlay.nodes", false);

    assertThat(file).isEqualTo(dir.resolve("user").resolve("org.slurmscope.overlay.nodes.cfg"));
    assertThat(Files.readString(file)).isEqualTo("enabled = false\n");

    gate.setEnabled("org.slurmscope.overlay.nodes", true);
    assertThat(Files.readString(file)).isEqualTo("enabled = true\n");
  }

  private Dictionary<String, Object> deliver(String key, String value) {
    Dictionary<String, Object> properties = new Hashtable<>();
    properties.put("service.pid", PID);
    properties.put("felix.fileinstall.filename", "file:/site/" + PID + ".cfg");
    properties.put(key, value);
    gate.modifyConfiguration(null, properties);
    return properties;
  }

  private void set(String name, Object value) throws ReflectiveOperationException {
    Field field = ConfigurationGate.class.getDeclaredField(name);
    field.setAccessible(true);
    field.set(gate, value);
  }
}
