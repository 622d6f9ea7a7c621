package org.slurmscope.demo.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class DemoSettingsTest {

  @Test
  void emptyConfigurationTakesDefaults() {
    DemoSettings settings = DemoSettings.parse(Map.of());

    assertThat(settings.nodes()).isEqualTo(64);
    assertThat(settings.jobs()).isEqualTo(300);
    assertThat(settings.seed()).isEqualTo(42);
    assertThat(settings.clusterName()).isEqualTo("demo");
    assertThat(settings.latencyMillis()).isZero();
  }

  @Test
  void textValuesFromCfgFileAreParsed() {
    DemoSettings settings =
        DemoSettings.parse(
            Map.of(
                "nodes", " 10000 ",
                "jobs", "100000",
                "seed", "-7",
                "clusterName", "bench",
                "latencyMillis", "1500"));

    assertThat(settings).isEqualTo(new DemoSettings(10_000, 100_000, -7, "bench", 1500));
  }

  @Test
  void typedValuesFromConfigFileAreAccepted() {
    DemoSettings settings =
        DemoSettings.parse(Map.of("nodes", 128, "jobs", 600L, "seed", 9L, "latencyMillis", 250));

    assertThat(settings).isEqualTo(new DemoSettings(128, 600, 9, "demo", 250));
  }

  @Test
  void unrelatedKeysAreIgnored() {
    DemoSettings settings =
        DemoSettings.parse(Map.of("service.pid", "org.slurmscope.demo", "component.id", 12L));

    assertThat(settings).isEqualTo(DemoSettings.defaults());
  }

  static Stream<Arguments> invalidValues() {
    return Stream.of(
        Arguments.of("nodes", "0", "a whole number from 1 to 100000"),
        Arguments.of("nodes", "100001", "a whole number from 1 to 100000"),
        Arguments.of("nodes", "many", "a whole number from 1 to 100000"),
        Arguments.of("nodes", 12.5, "a whole number from 1 to 100000"),
        Arguments.of("jobs", "-1", "a whole number from 0 to 1000000"),
        Arguments.of("jobs", "1000001", "a whole number from 0 to 1000000"),
        Arguments.of("seed", "0x2A", "a whole number"),
        Arguments.of("clusterName", " ", "a name without spaces"),
        Arguments.of("clusterName", "my cluster", "a name without spaces"),
        Arguments.of("latencyMillis", "-5", "a whole number from 0 to 60000"),
        Arguments.of("latencyMillis", "2s", "a whole number from 0 to 60000"));
  }

  @ParameterizedTest(name = "{0} = {1}")
  @MethodSource("invalidValues")
  void invalidValueIsRejectedWithPidKeyValueAndRule(String key, Object value, String rule) {
    assertThatThrownBy(() -> DemoSettings.parse(Map.of(key, value)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("org.slurmscope.demo")
        .hasMessageContaining(key + " = '" + value + "'")
        .hasMessageContaining("Set " + key + " to " + rule);
  }

  @Test
  void sameSeedSizesAndNameDescribeSameCluster() {
    DemoSettings settings = DemoSettings.defaults();
    DemoSettings slower = new DemoSettings(64, 300, 42, "demo", 2000);
    DemoSettings bigger = new DemoSettings(65, 300, 42, "demo", 0);

    assertThat(settings.describesSameCluster(slower)).isTrue();
    assertThat(settings.describesSameCluster(bigger)).isFalse();
  }
}
