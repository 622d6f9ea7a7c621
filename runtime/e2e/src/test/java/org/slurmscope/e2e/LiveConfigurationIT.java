package org.slurmscope.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Live reconfiguration in a real terminal: a file saved in the user's configuration folder, and a
 * key in the nodes view, change the running console without a restart.
 */
class LiveConfigurationIT {

  private static final Duration WAIT = Duration.ofSeconds(60);

  /** Saves of one file measured, to give a spread rather than one figure. */
  private static final int SAVES = 5;

  @TempDir Path dir;

  @Test
  void savedFileChangesRunningConsole() throws Exception {
    Distribution distribution = new Distribution(dir);
    Path file =
        dir.resolve("config")
            .resolve("slurmscope")
            .resolve("demo")
            .resolve("org.slurmscope.overlay.nodes.cfg");
    try (Tmux tmux =
        Tmux.start(140, 30, distribution.environment(), distribution.binary() + " --demo")) {
      tmux.type("2");
      tmux.await("the metric columns", WAIT, screen -> screen.contains("CPU%"));

      List<Long> millis = new ArrayList<>();
      for (int i = 0; i < SAVES; i++) {
        long saved = System.nanoTime();
        Files.writeString(file, "enabled = false\n");
        tmux.await(
            "the columns gone",
            WAIT,
            screen -> screen.contains("─ nodes") && !screen.contains("CPU%"));
        millis.add((System.nanoTime() - saved) / 1_000_000);

        saved = System.nanoTime();
        Files.writeString(file, "enabled = true\n");
        tmux.await("the columns back", WAIT, screen -> screen.contains("CPU%"));
        millis.add((System.nanoTime() - saved) / 1_000_000);
      }
      millis.sort(null);
      // Recorded in docs/benchmarks.md; the build log keeps the figures of every run.
      System.out.println("file saved -> screen changed, ms (sorted): " + millis);
      assertThat(millis.get(millis.size() / 2)).as("median ms").isLessThan(5_000);
    }
  }

  @Test
  void savedDataFileShowsAtNextPoll() throws Exception {
    Distribution distribution = new Distribution(dir);
    Path userFolder = dir.resolve("config").resolve("slurmscope").resolve("demo");
    try (Tmux tmux =
        Tmux.start(140, 30, distribution.environment(), distribution.binary() + " --demo")) {
      tmux.type("2");
      tmux.await("the nodes view", WAIT, screen -> screen.contains("─ nodes (64)"));

      Files.writeString(userFolder.resolve("org.slurmscope.demo.cfg"), "nodes = 20\n");

      tmux.await("20 nodes", WAIT, screen -> screen.contains("─ nodes (20)"));
    }
  }

  @Test
  void invalidFileIsShownAndLastGoodKept() throws Exception {
    Distribution distribution = new Distribution(dir);
    Path userFolder = dir.resolve("config").resolve("slurmscope").resolve("demo");
    try (Tmux tmux =
        Tmux.start(160, 30, distribution.environment(), distribution.binary() + " --demo")) {
      tmux.type("2");
      tmux.await("the nodes view", WAIT, screen -> screen.contains("─ nodes (64)"));

      Files.writeString(
          userFolder.resolve("org.slurmscope.overlay.nodes.cfg"), "warningPercent = 500\n");
      String rejected =
          tmux.await("the rejection", WAIT, screen -> screen.contains("Configuration rejected"));
      assertThat(rejected).contains("warningPercent=500").contains("CPU%");

      Files.writeString(
          userFolder.resolve("org.slurmscope.overlay.nodes.cfg"), "warningPercent = 50\n");
      tmux.await(
          "the rejection cleared", WAIT, screen -> !screen.contains("Configuration rejected"));
    }
  }

  @Test
  void overlayKeySwitchesColumnsAndRemembersIt() throws Exception {
    Distribution distribution = new Distribution(dir);
    Path userFile =
        dir.resolve("config")
            .resolve("slurmscope")
            .resolve("demo")
            .resolve("org.slurmscope.overlay.nodes.cfg");
    try (Tmux tmux =
        Tmux.start(140, 30, distribution.environment(), distribution.binary() + " --demo")) {
      tmux.type("2");
      tmux.await("the metric columns", WAIT, screen -> screen.contains("CPU%"));

      tmux.type("m");
      tmux.await(
          "the metric columns gone",
          WAIT,
          screen -> screen.contains("─ nodes") && !screen.contains("CPU%"));
      assertThat(Files.readString(userFile)).contains("enabled = false");

      tmux.type(":plugins");
      tmux.keys("Enter");
      String plugins = tmux.await("the plugins view", WAIT, screen -> screen.contains("─ plugins"));
      assertThat(
              plugins
                  .lines()
                  .filter(line -> line.contains("NodeMetricsOverlay"))
                  .findFirst()
                  .orElseThrow())
          .contains("OFF")
          .contains("enabled=false");
      tmux.type("q");
      tmux.await("the console to exit", WAIT, screen -> screen.contains("exited 0"));
    }

    // The switch survives a restart: a new console starts with the columns off.
    try (Tmux tmux =
        Tmux.start(140, 30, distribution.environment(), distribution.binary() + " --demo")) {
      tmux.type("2");
      String nodes = tmux.await("the nodes view", WAIT, screen -> screen.contains("─ nodes (64)"));
      assertThat(nodes).doesNotContain("CPU%");
      tmux.type("m");
      tmux.await("the metric columns back", WAIT, screen -> screen.contains("CPU%"));
      assertThat(Files.readString(userFile)).contains("enabled = true");
    }
  }
}
