package org.slurmscope.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The interactive console in a real terminal (tmux): views, filter, resize and quit. */
class TerminalIT {

  private static final Duration WAIT = Duration.ofSeconds(60);

  @TempDir Path dir;

  @Test
  void demoConsoleSwitchesFiltersResizesAndQuits() throws Exception {
    Distribution distribution = new Distribution(dir);
    try (Tmux tmux =
        Tmux.start(140, 30, distribution.environment(), distribution.binary() + " --demo")) {
      tmux.await(
          "the jobs view with demo data",
          WAIT,
          screen -> screen.contains("<1> jobs") && screen.contains("cluster demo"));
      tmux.type("a");
      tmux.await(
          "every user's jobs",
          WAIT,
          screen -> screen.contains("jobs: all users") && screen.contains("RUNNING"));

      tmux.type("2");
      String nodes = tmux.await("the nodes view", WAIT, screen -> screen.contains("─ nodes (64)"));
      assertThat(nodes).contains("CPU%").contains("MEM%");

      tmux.type("/DOWN");
      tmux.keys("Enter");
      String filtered =
          tmux.await("the filtered nodes", WAIT, screen -> screen.contains("filter /DOWN/"));
      long rows = Arrays.stream(filtered.split("\n")).filter(line -> line.contains("DOWN")).count();
      assertThat(rows).as("rows shown with the filter").isGreaterThan(1);
      assertThat(filtered).doesNotContain(" IDLE ");

      tmux.type(":jobs");
      tmux.keys("Enter");
      tmux.await("the jobs view again", WAIT, screen -> screen.contains("─ jobs ("));

      tmux.resize(90, 20);
      String resized =
          tmux.await("the title redrawn at 90 columns", WAIT, screen -> titleWidth(screen) == 90);
      assertThat(resized.split("\n")).hasSizeLessThanOrEqualTo(20);

      tmux.type("q");
      String exited = tmux.await("the console to exit", WAIT, screen -> screen.contains("exited "));
      assertThat(exited).contains("exited 0");
      // The terminal is restored: the alternate screen is gone, so the console's frame is too.
      assertThat(exited).doesNotContain("<1> jobs");
    }
  }

  @Test
  void testbedConsoleShowsRealNodesWithMetrics() throws Exception {
    Testbed testbed = Testbed.require();
    Path config = testbed.writeConfig(dir.resolve("site"));
    Distribution distribution = new Distribution(dir);
    String command = distribution.binary() + " --config " + config;
    try (Tmux tmux = Tmux.start(140, 30, distribution.environment(), command)) {
      tmux.await("the cluster name", WAIT, screen -> screen.contains("cluster testbed"));
      tmux.type("2");
      String nodes =
          tmux.await(
              "node01 with a CPU value",
              WAIT,
              screen ->
                  screen.contains("─ nodes (6)")
                      && screen
                          .lines()
                          .anyMatch(
                              line -> line.contains("node01") && line.matches(".*\\d+\\.\\d .*")));
      assertThat(nodes).contains("node04").contains("IDLE+DRAIN");
      assertThat(nodes.lines().filter(line -> line.contains("node06")).findFirst().orElseThrow())
          .contains("n/a");

      tmux.type("/node0[12]");
      tmux.keys("Enter");
      tmux.await("two filtered nodes", WAIT, screen -> screen.contains("─ nodes (2)"));

      tmux.keys("C-c");
      tmux.await("the console to exit on Ctrl-C", WAIT, screen -> screen.contains("exited 0"));
    }
  }

  /** Width of the table's title line, the one that starts with a box-drawing dash. */
  private static int titleWidth(String screen) {
    return screen
        .lines()
        .filter(line -> line.startsWith("─ "))
        .findFirst()
        .map(String::length)
        .orElse(-1);
  }
}
