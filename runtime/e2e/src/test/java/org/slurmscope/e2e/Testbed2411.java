package org.slurmscope.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * The Slurm 24.11 testbed that runtime/testbed/run-tests.sh starts beside the 22.05 one
 * (start-testbed-24.11.sh): Slurm in a Debian trixie chroot, its CLI through wrappers that need
 * root, slurmrestd with API v0.0.40 to v0.0.42, no Prometheus. run-tests.sh passes its environment
 * under TESTBED2411_* names, so that it does not clash with the 22.05 testbed's.
 */
final class Testbed2411 {

  final String slurmConf;
  final Path cliDir;
  final String restUrl;
  final String user;
  final String jwt;

  private Testbed2411(String slurmConf, Path cliDir, String restUrl, String user, String jwt) {
    this.slurmConf = slurmConf;
    this.cliDir = cliDir;
    this.restUrl = restUrl;
    this.user = user;
    this.jwt = jwt;
  }

  /**
   * Returns the testbed; skips the test when its environment is missing, unless
   * SLURMSCOPE_TESTBED=1, where a missing testbed fails it.
   */
  static Testbed2411 require() {
    Map<String, String> env = System.getenv();
    String slurmConf = env.get("TESTBED2411_SLURM_CONF");
    String cliDir = env.get("TESTBED2411_CLI_DIR");
    String url = env.get("TESTBED2411_SLURMRESTD_URL");
    String jwt = env.get("TESTBED2411_JWT");
    boolean present =
        slurmConf != null
            && cliDir != null
            && url != null
            && jwt != null
            && Files.isExecutable(Path.of(cliDir, "squeue"));
    if (!"1".equals(env.get("SLURMSCOPE_TESTBED"))) {
      Assumptions.assumeTrue(
          present, "Slurm 24.11 testbed not running: start it with runtime/testbed/run-tests.sh");
    }
    assertThat(present)
        .as("SLURMSCOPE_TESTBED=1 but TESTBED2411_* do not point at a running Slurm 24.11 testbed")
        .isTrue();
    return new Testbed2411(
        slurmConf,
        Path.of(cliDir),
        url,
        env.getOrDefault("TESTBED2411_SLURMRESTD_USER", "alice"),
        jwt);
  }

  /** Returns the wrapper of a Slurm command, such as {@code squeue}. */
  String command(String name) {
    return cliDir.resolve(name).toString();
  }

  /** Runs a 24.11 command through its wrapper and returns its standard output. */
  String slurm(String... command) throws IOException, InterruptedException {
    String[] line = command.clone();
    line[0] = command(command[0]);
    Process process =
        new ProcessBuilder(line).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    byte[] out = process.getInputStream().readAllBytes();
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).as(String.join(" ", command)).isZero();
    return new String(out, StandardCharsets.UTF_8);
  }

  /** Job id and state as squeue prints them with every state, one entry per line. */
  Map<String, String> squeueJobs() throws IOException, InterruptedException {
    Map<String, String> jobs = new HashMap<>();
    for (String line : slurm("squeue", "-h", "-t", "all", "-o", "%i|%T").split("\n")) {
      if (!line.isBlank()) {
        String[] fields = line.strip().split("\\|");
        jobs.put(fields[0], fields[1]);
      }
    }
    return jobs;
  }
}
