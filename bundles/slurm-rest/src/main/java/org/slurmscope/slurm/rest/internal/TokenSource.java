package org.slurmscope.slurm.rest.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slurmscope.api.slurm.SlurmSourceException;

/**
 * Supplies the JWT for slurmrestd: from {@code SLURM_JWT} in slurmscope's environment, from a file
 * that is read again when it changes, or from {@code scontrol token}, which is run again before the
 * token expires.
 *
 * <p>Called from one polling thread at a time.
 */
final class TokenSource {

  /** Where tokens come from. */
  enum Kind {
    /** SLURM_JWT when set, else the token file when configured, else scontrol token. */
    AUTO,
    /** The SLURM_JWT environment variable. */
    ENV,
    /** The configured token file. */
    FILE,
    /** {@code scontrol token lifespan=...}. */
    SCONTROL
  }

  /** How long scontrol token may take: it is one RPC to slurmctld. */
  private static final Duration SCONTROL_TIMEOUT = Duration.ofSeconds(30);

  private final RestSettings settings;
  private final Map<String, String> environment;
  private final Clock clock;
  private final Consumer<String> log;
  private final Kind kind;

  private Jwt current;
  private FileTime fileTime;

  /**
   * Creates a token source.
   *
   * @param environment slurmscope's environment, where SLURM_JWT may be
   * @param log receives one line when the kind of source is chosen and each time scontrol makes a
   *     token
   */
  TokenSource(
      RestSettings settings, Map<String, String> environment, Clock clock, Consumer<String> log) {
    this.settings = settings;
    this.environment = environment;
    this.clock = clock;
    this.log = log;
    this.kind = resolve(settings.tokenSource(), environment, settings.tokenFile());
  }

  private static Kind resolve(Kind configured, Map<String, String> environment, Path file) {
    if (configured != Kind.AUTO) {
      return configured;
    }
    if (environment.get("SLURM_JWT") != null && !environment.get("SLURM_JWT").isBlank()) {
      return Kind.ENV;
    }
    return file != null ? Kind.FILE : Kind.SCONTROL;
  }

  /** Returns which source is in use. */
  Kind kind() {
    return kind;
  }

  /**
   * Returns a token that is not about to expire.
   *
   * @throws SlurmSourceException naming the source and the fix when no token can be had
   */
  Jwt token() throws SlurmSourceException, InterruptedException {
    switch (kind) {
      case ENV -> {
        if (current == null) {
          current = fromEnvironment();
        }
      }
      case FILE -> readFileIfChanged();
      default -> {
        if (current == null || current.expiresSoon(clock.instant(), settings.renewBefore())) {
          current = fromScontrol();
        }
      }
    }
    return current;
  }

  /**
   * Forgets the current token after slurmrestd rejected it, so that the next call makes or reads a
   * new one. Returns true when a new token can be had that way: from scontrol, or from a file that
   * changed since.
   */
  boolean discard() {
    current = null;
    fileTime = null;
    return kind == Kind.SCONTROL || kind == Kind.FILE;
  }

  /** Describes the source for messages: what to renew and how. */
  String renewHint() {
    return switch (kind) {
      case ENV ->
          "set a new SLURM_JWT (scontrol token) and restart slurmscope, or set tokenSource=scontrol in "
              + RestConfiguration.PID;
      case FILE -> "write a new token to " + settings.tokenFile() + " (scontrol token)";
      case SCONTROL, AUTO ->
          "check that "
              + settings.scontrol()
              + " token works for this user and"
              + " that slurmrestd uses the same jwt key as slurmctld";
    };
  }

  private Jwt fromEnvironment() throws SlurmSourceException {
    String value = environment.get("SLURM_JWT");
    if (value == null || value.isBlank()) {
      throw new SlurmSourceException(
          "SLURM_JWT is not set: set it to a token from scontrol token, or set tokenSource=scontrol"
              + " or tokenFile in "
              + RestConfiguration.PID);
    }
    try {
      return Jwt.parse(value);
    } catch (IllegalArgumentException e) {
      throw new SlurmSourceException("SLURM_JWT is not a token: " + e.getMessage());
    }
  }

  private void readFileIfChanged() throws SlurmSourceException {
    Path file = settings.tokenFile();
    try {
      FileTime modified = Files.getLastModifiedTime(file);
      boolean expiring =
          current != null && current.expiresSoon(clock.instant(), settings.renewBefore());
      if (current == null || !modified.equals(fileTime) || expiring) {
        current = Jwt.parse(Files.readString(file, StandardCharsets.UTF_8));
        fileTime = modified;
      }
    } catch (IOException e) {
      throw new SlurmSourceException(
          "the token file "
              + file
              + " cannot be read ("
              + e.getClass().getSimpleName()
              + ": "
              + e.getMessage()
              + "): set tokenFile in "
              + RestConfiguration.PID
              + " to a readable file with a token from scontrol token");
    } catch (IllegalArgumentException e) {
      throw new SlurmSourceException(
          "the token file "
              + file
              + " holds no token: "
              + e.getMessage()
              + "; write the output of scontrol token into it");
    }
  }

  /** Runs {@code scontrol token lifespan=N} without a shell and reads {@code SLURM_JWT=...}. */
  private Jwt fromScontrol() throws SlurmSourceException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(settings.scontrol());
    command.add("token");
    command.add("lifespan=" + settings.tokenLifespan().toSeconds());
    if (settings.userName() != null) {
      command.add("username=" + settings.userName());
    }
    String commandLine = String.join(" ", command);
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    // A SLURM_JWT here would make scontrol itself authenticate with a token.
    builder.environment().remove("SLURM_JWT");
    Process process;
    try {
      process = builder.start();
    } catch (IOException e) {
      throw new SlurmSourceException(
          commandLine
              + " could not be started ("
              + e.getMessage()
              + "): set scontrolCommand in "
              + RestConfiguration.PID
              + ", or give a token with SLURM_JWT or tokenFile");
    }
    try {
      // The output is one line, far below a pipe's buffer, so waiting first cannot block scontrol.
      if (!process.waitFor(SCONTROL_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new SlurmSourceException(
            commandLine
                + " did not finish within "
                + SCONTROL_TIMEOUT.toSeconds()
                + " s: check that slurmctld answers (scontrol ping)");
      }
      byte[] output = readLimited(process.getInputStream());
      String text = new String(output, StandardCharsets.UTF_8).strip();
      if (process.exitValue() != 0 || !text.contains("SLURM_JWT=")) {
        throw new SlurmSourceException(
            commandLine
                + " failed with exit code "
                + process.exitValue()
                + ": "
                + text.lines().findFirst().orElse("no output")
                + "; slurm.conf needs AuthAltTypes=auth/jwt, or give a token with SLURM_JWT or"
                + " tokenFile in "
                + RestConfiguration.PID);
      }
      Jwt token = Jwt.parse(text);
      log.accept(
          "Made a slurmrestd token with "
              + commandLine
              + (token.expiresAt() == null ? "" : ", valid until " + token.expiresAt()));
      return token;
    } catch (IOException e) {
      throw new SlurmSourceException(
          "reading the output of " + commandLine + " failed: " + e.getMessage());
    } finally {
      process.destroy();
    }
  }

  private static byte[] readLimited(InputStream in) throws IOException {
    try (in) {
      return in.readNBytes(64 * 1024);
    }
  }
}
