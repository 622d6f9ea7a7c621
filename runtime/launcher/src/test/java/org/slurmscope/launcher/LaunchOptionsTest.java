package org.slurmscope.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class LaunchOptionsTest {

  @Test
  void noArgumentsMeansInteractiveConsole() {
    LaunchOptions options = LaunchOptions.parse();

    assertThat(options.onceView()).isNull();
    assertThat(options.demo()).isFalse();
    assertThat(options.configDir()).isNull();
  }

  @Test
  void onceWithFormatAndTimeout() {
    LaunchOptions options =
        LaunchOptions.parse("--demo", "--once", "Nodes", "--format", "JSON", "--timeout", "5");

    assertThat(options.demo()).isTrue();
    assertThat(options.onceView()).isEqualTo("nodes");
    assertThat(options.format()).isEqualTo("json");
    assertThat(options.timeout()).isEqualTo(Duration.ofSeconds(5));
  }

  @Test
  void onceDefaultsToTableAndSixtySeconds() {
    LaunchOptions options = LaunchOptions.parse("--once", "jobs");

    assertThat(options.format()).isEqualTo("table");
    assertThat(options.timeout()).isEqualTo(Duration.ofSeconds(60));
  }

  @Test
  void configFolderKept() {
    assertThat(LaunchOptions.parse("--config", "/etc/slurmscope").configDir())
        .isEqualTo(Path.of("/etc/slurmscope"));
  }

  @Test
  void unknownOptionNamesItself() {
    assertThatThrownBy(() -> LaunchOptions.parse("--colour"))
        .hasMessageContaining("'--colour'")
        .hasMessageContaining("--help");
  }

  @Test
  void missingValueRejected() {
    assertThatThrownBy(() -> LaunchOptions.parse("--once")).hasMessageContaining("--once needs");
  }

  @Test
  void unsupportedFormatRejected() {
    assertThatThrownBy(() -> LaunchOptions.parse("--once", "jobs", "--format", "yaml"))
        .hasMessageContaining("yaml")
        .hasMessageContaining("table, csv or json");
  }

  @Test
  void timeoutOutOfRangeRejected() {
    assertThatThrownBy(() -> LaunchOptions.parse("--once", "jobs", "--timeout", "0"))
        .hasMessageContaining("between 1 and 3600");
  }

  @Test
  void formatWithoutOnceRejected() {
    assertThatThrownBy(() -> LaunchOptions.parse("--format", "csv"))
        .hasMessageContaining("only apply to --once");
  }
}
