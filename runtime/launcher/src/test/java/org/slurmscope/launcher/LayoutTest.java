package org.slurmscope.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LayoutTest {

  @TempDir Path dir;

  @Test
  void userFolderAddedAfterSiteFolderWhenPresent() throws IOException {
    Path home = dir.resolve("dist");
    Files.createDirectories(dir.resolve("xdg-config").resolve("slurmscope"));

    Layout layout =
        Layout.of(
            home,
            LaunchOptions.parse(),
            Map.of(
                "XDG_CONFIG_HOME", dir.resolve("xdg-config").toString(),
                "XDG_STATE_HOME", dir.resolve("xdg-state").toString()));

    assertThat(layout.configDirs())
        .containsExactly(home.resolve("config"), dir.resolve("xdg-config").resolve("slurmscope"));
    assertThat(layout.logFile())
        .isEqualTo(dir.resolve("xdg-state").resolve("slurmscope").resolve("slurmscope.log"));
  }

  @Test
  void demoUsesItsOwnFolderOnly() throws IOException {
    Path home = dir.resolve("dist");
    Files.createDirectories(dir.resolve("xdg-config").resolve("slurmscope"));

    Layout layout =
        Layout.of(
            home,
            LaunchOptions.parse("--demo"),
            Map.of("XDG_CONFIG_HOME", dir.resolve("xdg-config").toString()));

    assertThat(layout.configDirs()).containsExactly(home.resolve("config").resolve("demo"));
  }

  @Test
  void relativeXdgVariableIgnored() {
    Layout layout =
        Layout.of(dir, LaunchOptions.parse(), Map.of("XDG_STATE_HOME", "relative/state"));

    assertThat(layout.logFile().toString()).endsWith(".local/state/slurmscope/slurmscope.log");
  }
}
