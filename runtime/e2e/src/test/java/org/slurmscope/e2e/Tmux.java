package org.slurmscope.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A real terminal: a tmux server of the test's own (its own socket), one window running a command.
 * The test types with send-keys and reads the screen with capture-pane.
 */
final class Tmux implements AutoCloseable {

  private final String socket;

  private Tmux(String socket) {
    this.socket = socket;
  }

  /**
   * Starts the command in a detached window of the given size. The window stays open after the
   * command ends and its last line reads "exited N", so a test can see the exit code.
   */
  static Tmux start(int columns, int rows, Map<String, String> env, String command)
      throws IOException, InterruptedException {
    Tmux tmux =
        new Tmux("slurmscope-e2e-" + ProcessHandle.current().pid() + "-" + System.nanoTime());
    StringBuilder exports = new StringBuilder();
    env.forEach(
        (key, value) ->
            exports.append("export ").append(key).append("='").append(value).append("'; "));
    tmux.tmux(
        "new-session",
        "-d",
        "-s",
        "main",
        "-x",
        Integer.toString(columns),
        "-y",
        Integer.toString(rows),
        "bash --norc --noprofile -c \"" + exports + command + "; echo exited $?; sleep 600\"");
    tmux.tmux("set-option", "-g", "status", "off");
    return tmux;
  }

  void keys(String... keys) throws IOException, InterruptedException {
    List<String> args = new ArrayList<>(List.of("send-keys", "-t", "main"));
    args.addAll(List.of(keys));
    tmux(args.toArray(String[]::new));
  }

  /** Types text literally, without key-name lookup. */
  void type(String text) throws IOException, InterruptedException {
    tmux("send-keys", "-t", "main", "-l", text);
  }

  void resize(int columns, int rows) throws IOException, InterruptedException {
    tmux(
        "resize-window",
        "-t",
        "main",
        "-x",
        Integer.toString(columns),
        "-y",
        Integer.toString(rows));
  }

  String screen() throws IOException, InterruptedException {
    return tmux("capture-pane", "-p", "-t", "main");
  }

  /**
   * Waits until the screen satisfies the condition, failing with the last screen after the limit.
   */
  String await(String what, Duration limit, Predicate<String> condition)
      throws IOException, InterruptedException {
    Instant deadline = Instant.now().plus(limit);
    String screen = screen();
    while (!condition.test(screen)) {
      if (Instant.now().isAfter(deadline)) {
        throw new AssertionError(
            "screen never showed " + what + " within " + limit + ":\n" + screen);
      }
      Thread.sleep(200);
      screen = screen();
    }
    return screen;
  }

  private String tmux(String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of("tmux", "-L", socket));
    command.addAll(List.of(args));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).as("tmux %s: %s", String.join(" ", args), output).isZero();
    return output;
  }

  @Override
  public void close() throws IOException, InterruptedException {
    // Ends only this test's own tmux server and what runs in it.
    new ProcessBuilder("tmux", "-L", socket, "kill-server").start().waitFor(10, TimeUnit.SECONDS);
  }
}
