package org.slurmscope.slurm.cli.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slurmscope.slurm.cli.internal.CommandException.Failure;
import org.slurmscope.slurm.json.SlurmDocument;
import org.slurmscope.slurm.json.SlurmJsonDecoder;

/** Real child processes: shell scripts that print, fail, hang or do not exist. */
class CommandRunnerTest {

  private static final List<String> JSON = List.of("--json");

  @TempDir Path folder;

  private ExecutorService io;
  private final Set<Process> running = ConcurrentHashMap.newKeySet();

  @BeforeEach
  void startThreads() {
    io = Executors.newCachedThreadPool();
  }

  @AfterEach
  void stopThreads() {
    io.shutdownNow();
  }

  private CommandRunner runner(Duration timeout, Path slurmConf) {
    return new CommandRunner(io, running, timeout, slurmConf);
  }

  private CommandRunner runner() {
    return runner(Duration.ofSeconds(20), null);
  }

  private static SlurmTool squeue(Path script) {
    return new SlurmTool("squeueCommand", script.toString());
  }

  @Test
  void outputOfScriptIsDecoded() throws Exception {
    Path script =
        Scripts.write(
            folder, "squeue", "cat '" + Scripts.resource("testbed-22.05/squeue.json") + "'");

    SlurmDocument document = runner().run(squeue(script), JSON, SlurmJsonDecoder::decode);

    assertThat(document.jobs()).hasSize(20);
    assertThat(document.meta().slurmVersion()).isEqualTo("22.05.8");
    assertThat(running).isEmpty();
  }

  @Test
  void failureNamesCommandExitCodeAndStderr() throws IOException {
    Path script =
        Scripts.write(
            folder,
            "squeue",
            "echo 'squeue: error: Unable to contact slurm controller (connect failure)' >&2\n"
                + "exit 1");

    CommandException e =
        catchThrowableOfType(
            CommandException.class,
            () -> runner().run(squeue(script), JSON, SlurmJsonDecoder::decode));

    assertThat(e.failure()).isEqualTo(Failure.EXIT_STATUS);
    assertThat(e.getMessage())
        .contains(script + " --json failed with exit code 1")
        .contains("squeue: error: Unable to contact slurm controller (connect failure)")
        .doesNotContain("no output");
    assertThat(e.stderr())
        .isEqualTo("squeue: error: Unable to contact slurm controller (connect failure)");
  }

  @Test
  void slurmErrorsInFailedOutputAreReported() throws IOException {
    Path script =
        Scripts.write(
            folder,
            "squeue",
            "echo '{\"jobs\": [], \"errors\": [{\"description\": \"Unable to query jobs\","
                + " \"error_number\": 1007}]}'\n"
                + "exit 1");

    CommandException e =
        catchThrowableOfType(
            CommandException.class,
            () -> runner().run(squeue(script), JSON, SlurmJsonDecoder::decode));

    assertThat(e.getMessage())
        .contains("failed with exit code 1, without error output")
        .contains("Unable to query jobs")
        .contains("error 1007");
  }

  @Test
  void nonJsonOutputNamesCommand() throws IOException {
    Path script = Scripts.write(folder, "scontrol", "echo 'Configuration data as of today'");

    CommandException e =
        catchThrowableOfType(
            CommandException.class,
            () ->
                runner()
                    .run(
                        new SlurmTool("scontrolCommand", script.toString()),
                        List.of("show", "config", "--json"),
                        SlurmJsonDecoder::decode));

    assertThat(e.failure()).isEqualTo(Failure.OUTPUT);
    assertThat(e.getMessage())
        .contains(script + " show config --json returned output that is not valid JSON")
        .contains("Configuration");
  }

  @Test
  void hangingCommandIsStoppedAfterTimeout() throws IOException {
    // The script's child keeps standard output open: stopping only the script would leave the
    // read waiting for the child.
    Path pidFile = folder.resolve("sleep.pid");
    Path script = Scripts.write(folder, "squeue", "sleep 60 &\necho $! > '" + pidFile + "'\nwait");
    long start = System.nanoTime();

    CommandException e =
        catchThrowableOfType(
            CommandException.class,
            () ->
                runner(Duration.ofSeconds(1), null)
                    .run(squeue(script), JSON, SlurmJsonDecoder::decode));

    Duration took = Duration.ofNanos(System.nanoTime() - start);
    assertThat(e.failure()).isEqualTo(Failure.TIMED_OUT);
    assertThat(e.getMessage())
        .contains(script + " --json did not finish within 1 s and was stopped")
        .contains("raise timeoutSeconds in org.slurmscope.slurm.cli");
    assertThat(took).isLessThan(Duration.ofSeconds(10));
    long sleepPid = Long.parseLong(Files.readString(pidFile).strip());
    assertThat(waitUntilGone(sleepPid, Duration.ofSeconds(5))).isTrue();
    assertThat(running).isEmpty();
  }

  @Test
  void missingCommandOnPathNamesConfigKey() {
    SlurmTool tool = new SlurmTool("squeueCommand", "slurmscope-test-no-such-squeue");

    assertThatThrownBy(() -> runner().run(tool, JSON, SlurmJsonDecoder::decode))
        .isInstanceOf(CommandException.class)
        .hasMessage(
            "slurmscope-test-no-such-squeue not found on PATH: set squeueCommand in"
                + " org.slurmscope.slurm.cli to the full path of slurmscope-test-no-such-squeue,"
                + " or add its folder to PATH");
  }

  @Test
  void missingCommandPathNamesConfigKey() {
    Path missing = folder.resolve("bin/sinfo");
    SlurmTool tool = new SlurmTool("sinfoCommand", missing.toString());

    CommandException e =
        catchThrowableOfType(
            CommandException.class, () -> runner().run(tool, JSON, SlurmJsonDecoder::decode));

    assertThat(e.failure()).isEqualTo(Failure.NOT_FOUND);
    assertThat(e.getMessage())
        .startsWith(missing + " not found: set sinfoCommand in org.slurmscope.slurm.cli");
  }

  @Test
  void fileWithoutExecutePermissionIsReported() throws IOException {
    Path notExecutable = Files.writeString(folder.resolve("squeue"), "#!/bin/sh\n");

    CommandException e =
        catchThrowableOfType(
            CommandException.class,
            () -> runner().run(squeue(notExecutable), JSON, SlurmJsonDecoder::decode));

    assertThat(e.failure()).isEqualTo(Failure.NOT_STARTED);
    assertThat(e.getMessage()).contains("permission denied").contains("squeueCommand");
  }

  @Test
  void slurmConfIsPassedToCommand() throws Exception {
    // The script reports SLURM_CONF as the cluster name, which the decoder reads from meta.
    Path script =
        Scripts.write(
            folder,
            "squeue",
            "printf '{\"meta\": {\"slurm\": {\"cluster\": \"%s\"}}, \"jobs\": []}' \"$SLURM_CONF\"");
    Path slurmConf = Path.of("/etc/slurm-test/slurm.conf");

    SlurmDocument document =
        runner(Duration.ofSeconds(20), slurmConf)
            .run(squeue(script), JSON, SlurmJsonDecoder::decode);

    assertThat(document.meta().cluster()).isEqualTo("/etc/slurm-test/slurm.conf");
  }

  @Test
  void longStderrIsCut() throws IOException {
    Path script =
        Scripts.write(
            folder,
            "squeue",
            "i=0\nwhile [ $i -lt 200 ]; do echo 'error: a line of fifty characters of error text..'"
                + " >&2; i=$((i+1)); done\nexit 2");

    CommandException e =
        catchThrowableOfType(
            CommandException.class,
            () -> runner().run(squeue(script), JSON, SlurmJsonDecoder::decode));

    assertThat(e.stderr().length()).isLessThanOrEqualTo(CommandRunner.STDERR_LIMIT_BYTES);
    assertThat(e.getMessage()).contains("exit code 2").contains("[cut at 4096 bytes]");
  }

  @Test
  void interruptStopsCommand() throws IOException {
    Path script = Scripts.write(folder, "squeue", "exec sleep 60");
    Thread.currentThread().interrupt();

    assertThatThrownBy(() -> runner().run(squeue(script), JSON, SlurmJsonDecoder::decode))
        .isInstanceOf(InterruptedException.class);
    assertThat(running).isEmpty();
  }

  /** Waits until no process has the given id; returns false when one still has it at the end. */
  private static boolean waitUntilGone(long pid, Duration limit) {
    long deadline = System.nanoTime() + limit.toNanos();
    while (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
      if (System.nanoTime() > deadline) {
        return false;
      }
      Thread.onSpinWait();
    }
    return true;
  }
}
