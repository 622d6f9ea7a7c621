package org.slurmscope.slurm.cli.internal;

import java.io.File;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slurmscope.api.slurm.SlurmSourceException;
import org.slurmscope.slurm.cli.internal.CommandException.Failure;

/**
 * Runs one Slurm command without a shell and decodes its standard output as it streams in.
 *
 * <p>Standard output is decoded on an I/O thread while the caller waits up to the timeout. So
 * neither a hung slurmctld nor an interrupt of the polling thread keeps the caller waiting much
 * longer: at most the stop grace and the wait for standard error (2 s each) come on top. Standard
 * error is drained on another I/O thread, and its first {@value #STDERR_LIMIT_BYTES} bytes are kept
 * for the error message. A command that runs too long is stopped together with the processes it
 * started, because a child that keeps the output pipe open would otherwise keep the read waiting.
 */
final class CommandRunner {

  /** Bytes of standard error kept for messages; Slurm's own errors fit in one line. */
  static final int STDERR_LIMIT_BYTES = 4096;

  /** How long a stopped command may take to exit before it is killed. */
  private static final Duration STOP_GRACE = Duration.ofSeconds(2);

  /** How long to wait for standard error to end after the command exited. */
  private static final Duration STDERR_WAIT = Duration.ofSeconds(2);

  private static final File NO_INPUT = new File("/dev/null");

  private final ExecutorService io;
  private final Set<Process> running;
  private final Duration timeout;
  private final Path slurmConf;

  /** Decodes a command's standard output. */
  interface OutputDecoder<T> {
    /**
     * Decodes the output.
     *
     * @param commandLine the command line, for messages
     */
    T decode(InputStream stdout, String commandLine) throws IOException, SlurmSourceException;
  }

  /**
   * Creates a runner.
   *
   * @param io runs the threads that read the commands' output
   * @param running receives each process while it runs, so that its owner can stop them all
   * @param timeout how long one command may run
   * @param slurmConf the slurm.conf passed as SLURM_CONF, or null to inherit the environment's
   */
  CommandRunner(ExecutorService io, Set<Process> running, Duration timeout, Path slurmConf) {
    this.io = io;
    this.running = running;
    this.timeout = timeout;
    this.slurmConf = slurmConf;
  }

  /**
   * Runs {@code tool} with {@code arguments} and returns its decoded output.
   *
   * @throws CommandException when the command is missing, fails, times out or its output cannot be
   *     decoded. The message names the command line, its exit code and standard error.
   * @throws InterruptedException when the calling thread is interrupted. The command is stopped
   *     first.
   */
  <T> T run(SlurmTool tool, List<String> arguments, OutputDecoder<T> decoder)
      throws CommandException, InterruptedException {
    List<String> command = new ArrayList<>(arguments.size() + 1);
    command.add(tool.executable());
    command.addAll(arguments);
    String commandLine = String.join(" ", command);

    Process process = start(tool, command, commandLine);
    running.add(process);
    try {
      return await(process, commandLine, decoder);
    } finally {
      running.remove(process);
    }
  }

  private Process start(SlurmTool tool, List<String> command, String commandLine)
      throws CommandException {
    ProcessBuilder builder = new ProcessBuilder(command).redirectInput(NO_INPUT);
    if (slurmConf != null) {
      builder.environment().put("SLURM_CONF", slurmConf.toString());
    }
    try {
      return builder.start();
    } catch (IOException e) {
      throw startFailure(tool, commandLine, e);
    }
  }

  private <T> T await(Process process, String commandLine, OutputDecoder<T> decoder)
      throws CommandException, InterruptedException {
    CountingInputStream stdout = new CountingInputStream(process.getInputStream());
    Future<StderrText> stderr;
    Future<T> output;
    try {
      stderr = io.submit(() -> StderrText.read(process.getErrorStream(), STDERR_LIMIT_BYTES));
      output = io.submit(() -> decodeAndClose(stdout, commandLine, decoder));
    } catch (RejectedExecutionException e) {
      stop(process);
      throw new CommandException(
          Failure.NOT_STARTED,
          commandLine + " was stopped: the SLURM command line source is shutting down",
          "",
          e);
    }

    Outcome<T> outcome = waitForExit(process, output);
    if (outcome.timedOut()) {
      stop(process);
      output.cancel(true);
      throw timedOut(commandLine, text(stderr));
    }
    StderrText errorText = text(stderr);
    int exitCode = process.exitValue();
    if (exitCode != 0) {
      Throwable decodeFailure = stdout.count() > 0 ? outcome.decodeFailure() : null;
      throw exitFailure(commandLine, exitCode, errorText, decodeFailure);
    }
    if (outcome.decodeFailure() != null) {
      throw outputFailure(commandLine, errorText, outcome.decodeFailure());
    }
    return outcome.value();
  }

  /**
   * How one run ended.
   *
   * @param value the decoded output, or null when decoding failed or did not finish
   * @param decodeFailure why decoding failed, or null
   * @param timedOut true when the output or the exit did not come within the timeout
   */
  private record Outcome<T>(T value, Throwable decodeFailure, boolean timedOut) {}

  /** Waits for the decoded output and then for the exit, both within one timeout. */
  private <T> Outcome<T> waitForExit(Process process, Future<T> output)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    T value = null;
    Throwable decodeFailure = null;
    try {
      value = output.get(remaining(deadline), TimeUnit.NANOSECONDS);
    } catch (ExecutionException e) {
      decodeFailure = e.getCause();
    } catch (TimeoutException e) {
      return new Outcome<>(null, null, true);
    } catch (InterruptedException e) {
      stop(process);
      throw e;
    }
    // The output can end before the process does, so the exit counts against the timeout too.
    try {
      boolean exited = process.waitFor(remaining(deadline), TimeUnit.NANOSECONDS);
      return new Outcome<>(value, decodeFailure, !exited);
    } catch (InterruptedException e) {
      stop(process);
      throw e;
    }
  }

  private static <T> T decodeAndClose(
      InputStream stdout, String commandLine, OutputDecoder<T> decoder)
      throws IOException, SlurmSourceException {
    try (stdout) {
      return decoder.decode(stdout, commandLine);
    }
  }

  // --- Messages

  private static CommandException startFailure(SlurmTool tool, String commandLine, IOException e) {
    String executable = tool.executable();
    String detail = String.valueOf(e.getMessage());
    boolean onPath = executable.indexOf('/') < 0;
    // The JDK reports the errno of exec: error=2 is ENOENT, error=13 EACCES.
    if (detail.contains("error=2,")) {
      String where = onPath ? executable + " not found on PATH" : executable + " not found";
      return new CommandException(
          Failure.NOT_FOUND,
          where + ": set " + tool.configKey() + " in " + CliConfiguration.PID + fixHint(tool),
          "",
          e);
    }
    if (detail.contains("error=13,")) {
      return new CommandException(
          Failure.NOT_STARTED,
          executable
              + " could not be started (permission denied): set "
              + tool.configKey()
              + " in "
              + CliConfiguration.PID
              + " to an executable file",
          "",
          e);
    }
    return new CommandException(
        Failure.NOT_STARTED, commandLine + " could not be started: " + detail, "", e);
  }

  private static String fixHint(SlurmTool tool) {
    return tool.executable().indexOf('/') < 0
        ? " to the full path of " + tool.executable() + ", or add its folder to PATH"
        : " to the path of the Slurm command";
  }

  private CommandException timedOut(String commandLine, StderrText stderr) {
    return new CommandException(
        Failure.TIMED_OUT,
        commandLine
            + " did not finish within "
            + timeout.toSeconds()
            + " s and was stopped: raise timeoutSeconds in "
            + CliConfiguration.PID
            + " if slurmctld is slow to answer"
            + stderr.suffix(),
        stderr.text(),
        null);
  }

  private CommandException exitFailure(
      String commandLine, int exitCode, StderrText stderr, Throwable decodeFailure) {
    StringBuilder message = new StringBuilder(commandLine).append(" failed with exit code ");
    message.append(exitCode);
    if (exitCode > 128) {
      message.append(" (killed by signal ").append(exitCode - 128).append(')');
    }
    message.append(stderr.text().isEmpty() ? ", without error output" : ": " + stderr.oneLine());
    if (decodeFailure instanceof SlurmSourceException) {
      message.append("; ").append(decodeFailure.getMessage());
    }
    if (slurmConf == null && mentionsConfiguration(stderr.text())) {
      message.append("; check SLURM_CONF or set slurmConf in ").append(CliConfiguration.PID);
    }
    return new CommandException(
        Failure.EXIT_STATUS, message.toString(), stderr.text(), decodeFailure);
  }

  private static CommandException outputFailure(
      String commandLine, StderrText stderr, Throwable decodeFailure) {
    String message =
        decodeFailure instanceof SlurmSourceException
            ? decodeFailure.getMessage()
            : "reading the output of " + commandLine + " failed: " + decodeFailure;
    return new CommandException(
        Failure.OUTPUT, message + stderr.suffix(), stderr.text(), decodeFailure);
  }

  /** Returns true for Slurm's errors about a missing or unreadable configuration. */
  private static boolean mentionsConfiguration(String stderr) {
    return stderr.contains("fetch_config")
        || stderr.contains("slurm.conf")
        || stderr.contains("configuration source");
  }

  // --- Process handling

  /**
   * Stops a process and the processes it started: SIGTERM first, SIGKILL after {@link #STOP_GRACE}.
   * The children are collected first, because they stop being descendants once their parent is
   * gone.
   */
  static void stop(Process process) {
    List<ProcessHandle> descendants = process.descendants().toList();
    process.destroy();
    descendants.forEach(ProcessHandle::destroy);
    boolean exited = false;
    try {
      exited = process.waitFor(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (!exited) {
      process.destroyForcibly();
    }
    for (ProcessHandle descendant : descendants) {
      if (descendant.isAlive()) {
        descendant.destroyForcibly();
      }
    }
  }

  private static StderrText text(Future<StderrText> stderr) {
    try {
      return stderr.get(STDERR_WAIT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return StderrText.NONE;
    } catch (ExecutionException | TimeoutException e) {
      // Standard error was cut off by stopping the command, or a leftover child keeps it open;
      // the exit code and the output still say what happened.
      stderr.cancel(true);
      return StderrText.NONE;
    }
  }

  private static long remaining(long deadline) {
    return Math.max(0, deadline - System.nanoTime());
  }

  /**
   * The start of a command's standard error.
   *
   * @param text the text, decoded as UTF-8 and stripped
   * @param truncated true when the command printed more than was kept
   */
  record StderrText(String text, boolean truncated) {

    static final StderrText NONE = new StderrText("", false);

    /**
     * Reads up to {@code limit} bytes, then drains the rest so the command never waits on a full
     * pipe.
     */
    static StderrText read(InputStream in, int limit) throws IOException {
      byte[] kept = new byte[limit];
      int length = 0;
      boolean truncated = false;
      try (in) {
        int read;
        while (length < limit && (read = in.read(kept, length, limit - length)) != -1) {
          length += read;
        }
        byte[] rest = new byte[1024];
        while ((read = in.read(rest)) != -1) {
          truncated |= read > 0;
        }
      }
      return new StderrText(new String(kept, 0, length, StandardCharsets.UTF_8).strip(), truncated);
    }

    /** Returns the text on one line, lines joined with "; ", for a status bar. */
    String oneLine() {
      String joined = String.join("; ", text.lines().map(String::strip).toList());
      return truncated ? joined + " [cut at " + STDERR_LIMIT_BYTES + " bytes]" : joined;
    }

    /** Returns "; stderr: ..." to append to a message, or nothing when stderr was empty. */
    String suffix() {
      return text.isEmpty() ? "" : "; stderr: " + oneLine();
    }
  }

  /** Counts the bytes read, to tell empty output from broken output. */
  private static final class CountingInputStream extends FilterInputStream {
    private volatile long count;

    CountingInputStream(InputStream in) {
      super(in);
    }

    @Override
    public int read() throws IOException {
      int b = super.read();
      if (b >= 0) {
        count++;
      }
      return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
      int n = super.read(buffer, offset, length);
      if (n > 0) {
        count += n;
      }
      return n;
    }

    long count() {
      return count;
    }
  }
}
