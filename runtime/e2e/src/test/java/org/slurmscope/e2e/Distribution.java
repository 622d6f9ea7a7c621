package org.slurmscope.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** The built distribution, started as a user would start it: bin/slurmscope. */
final class Distribution {

  /** What one run printed and returned. */
  record Result(int exitCode, String stdout, String stderr) {}

  private final Path home;
  private final Path xdgRoot;
  private final Map<String, String> extraEnvironment = new java.util.HashMap<>();

  /**
   * @param xdgRoot a private folder for XDG_CONFIG_HOME and XDG_STATE_HOME, so that tests never
   *     read or write the real user's configuration and log
   */
  Distribution(Path xdgRoot) {
    this.home = Path.of(System.getProperty("slurmscope.dist", "missing")).toAbsolutePath();
    this.xdgRoot = xdgRoot;
    assertThat(home.resolve("bin/slurmscope"))
        .as("distribution built by mvn package (system property slurmscope.dist)")
        .isExecutable();
  }

  Path home() {
    return home;
  }

  Path binary() {
    return home.resolve("bin/slurmscope");
  }

  Path logFile() {
    return xdgRoot.resolve("state/slurmscope/slurmscope.log");
  }

  /** Adds a variable to the environment of every run, such as SLURMSCOPE_OPTS. */
  Distribution with(String name, String value) {
    extraEnvironment.put(name, value);
    return this;
  }

  /** Environment for a run: the XDG folders point into the test's private folder. */
  Map<String, String> environment() {
    Map<String, String> environment = new java.util.HashMap<>(extraEnvironment);
    environment.put("XDG_CONFIG_HOME", xdgRoot.resolve("config").toString());
    environment.put("XDG_STATE_HOME", xdgRoot.resolve("state").toString());
    return environment;
  }

  /** Runs bin/slurmscope with the arguments and waits for it, at most the given time. */
  Result run(Duration limit, String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(binary().toString());
    command.addAll(List.of(args));
    Path out = Files.createTempFile(xdgRoot, "stdout", ".txt");
    Path err = Files.createTempFile(xdgRoot, "stderr", ".txt");
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
            .redirectOutput(out.toFile())
            .redirectError(err.toFile());
    builder.environment().putAll(environment());
    Process process = builder.start();
    if (!process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("slurmscope " + String.join(" ", args) + " ran past " + limit);
    }
    return new Result(
        process.exitValue(),
        Files.readString(out, StandardCharsets.UTF_8),
        Files.readString(err, StandardCharsets.UTF_8));
  }
}
