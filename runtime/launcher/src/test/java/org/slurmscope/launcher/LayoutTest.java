package org.slurmscope.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LayoutTest {

  @TempDir Path dir;

  @Test
  void userFolderComesAfterSiteFolder() {
    Path home = dir.resolve("dist");

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
  void demoUsesItsOwnFolders() {
    Path home = dir.resolve("dist");

    Layout layout =
        Layout.of(
            home,
            LaunchOptions.parse("--demo"),
            Map.of("XDG_CONFIG_HOME", dir.resolve("xdg-config").toString()));

    Path demoUser = dir.resolve("xdg-config").resolve("slurmscope").resolve("demo");
    assertThat(layout.configDirs())
        .containsExactly(home.resolve("config").resolve("demo"), demoUser);
    assertThat(layout.userConfigDir()).isEqualTo(demoUser);
  }

  @Test
  void pluginFoldersOfSiteAndUser() {
    Path home = dir.resolve("dist");

    Layout layout =
        Layout.of(
            home, LaunchOptions.parse(), Map.of("XDG_DATA_HOME", dir.resolve("data").toString()));

    assertThat(layout.pluginDirs())
        .containsExactly(
            home.resolve("plugins"), dir.resolve("data").resolve("slurmscope").resolve("plugins"));
  }

  @Test
  void relativeXdgVariableIgnored() {
    Layout layout =
        Layout.of(dir, LaunchOptions.parse(), Map.of("XDG_STATE_HOME", "relative/state"));

    assertThat(layout.logFile().toString()).endsWith(".local/state/slurmscope/slurmscope.log");
  }
}
