package org.slurmscope.prometheus.internal;

import static org.slurmscope.prometheus.internal.ConfigErrors.invalid;
import static org.slurmscope.prometheus.internal.ConfigErrors.quote;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;
import org.slurmscope.api.prometheus.PrometheusException;

/**
 * A credential read from a file or an environment variable, never from the configuration itself.
 * The value never appears in a message: messages name the key and the file or variable.
 *
 * <p>A file is re-read when its modification time or size changes, so a token that an agent rotates
 * is picked up without a reconfiguration. Each read checks the file's permissions again.
 */
abstract class Secret {

  /** Largest secret file read, in bytes; tokens and passwords are far smaller. */
  static final int MAX_FILE_BYTES = 64 * 1024;

  private static final Pattern VARIABLE_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

  /** The configuration key that named this secret, for messages. */
  final String key;

  /** Whether the value is sent as it is in a header, so it must be visible ASCII. */
  final boolean asciiOnly;

  private Secret(String key, boolean asciiOnly) {
    this.key = key;
    this.asciiOnly = asciiOnly;
  }

  /**
   * Returns the current value.
   *
   * @throws PrometheusException with error type {@code config} when a file can no longer be read
   */
  abstract String value() throws PrometheusException;

  /** Returns where the value comes from, for messages: the file or variable, never the value. */
  abstract String source();

  /**
   * Reads a secret file named by a configuration key.
   *
   * @param asciiOnly true for a value sent as it is in a header (a token), false for one that is
   *     encoded first (a basic authentication password)
   * @throws IllegalArgumentException naming the PID, the key, the path and the rule when the file
   *     is missing, unreadable, empty, too large, readable by other users, or contains a line break
   *     inside the value
   */
  static Secret fromFile(String key, String pathText, boolean asciiOnly) {
    Path path = Path.of(pathText);
    if (!path.isAbsolute()) {
      throw invalid(key, quote(pathText), "it must be an absolute path");
    }
    FileSecret secret = new FileSecret(key, path, asciiOnly);
    try {
      secret.reload();
    } catch (SecretFileException e) {
      throw invalid(key, quote(pathText), e.getMessage());
    }
    return secret;
  }

  /**
   * Reads a secret from an environment variable named by a configuration key. The value is read
   * once: a process's environment does not change.
   *
   * @param asciiOnly as for {@link #fromFile}
   * @throws IllegalArgumentException naming the PID, the key, the variable and the rule
   */
  static Secret fromEnvironment(
      String key, String name, UnaryOperator<String> environment, boolean asciiOnly) {
    if (!VARIABLE_NAME.matcher(name).matches()) {
      throw invalid(
          key, quote(name), "it must be the name of an environment variable, such as PROM_TOKEN");
    }
    String raw = environment.apply(name);
    if (raw == null || raw.strip().isEmpty()) {
      throw invalid(
          key,
          quote(name),
          "the environment variable "
              + name
              + " is not set or empty in the environment slurmscope was started with");
    }
    String value = raw.strip();
    String problem = problem(value, asciiOnly);
    if (problem != null) {
      throw invalid(key, quote(name), "the value of " + name + " " + problem);
    }
    return new Secret(key, asciiOnly) {
      @Override
      String value() {
        return value;
      }

      @Override
      String source() {
        return "environment variable " + name;
      }
    };
  }

  /**
   * Rejects a file that users other than its owner and group can read, before any credential is
   * read from it.
   *
   * @throws SecretFileException naming the permissions and the fix
   */
  static void checkNotWorldReadable(Path path) throws SecretFileException {
    Set<PosixFilePermission> permissions;
    try {
      permissions = Files.getPosixFilePermissions(path);
    } catch (UnsupportedOperationException e) {
      // NOTE: a file system without POSIX permissions (not seen on Linux login nodes) is not
      // checked.
      return;
    } catch (IOException e) {
      throw new SecretFileException("the file could not be read (" + e + ")");
    }
    if (permissions.contains(PosixFilePermission.OTHERS_READ)) {
      throw new SecretFileException(
          "the file is readable by other users (mode "
              + PosixFilePermissions.toString(permissions)
              + "), so the credential in it is not secret: run chmod o-r "
              + path
              + " (chmod 600 keeps it to its owner)");
    }
  }

  /**
   * Returns what makes a value unusable, or null when it is fine. No value may contain a control
   * character such as a line break; a header value must also be ASCII (RFC 9110 field values).
   */
  static String problem(String value, boolean asciiOnly) {
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if ((c < 0x20 && c != '\t') || c == 0x7f) {
        return "contains a line break or another control character: keep the secret on one line";
      }
      if (asciiOnly && c > 0x7f) {
        return "contains a character outside ASCII, which an HTTP header value cannot carry";
      }
    }
    return null;
  }

  /** A secret file that could not be used; the message is the rule it broke. */
  static final class SecretFileException extends Exception {
    private static final long serialVersionUID = 1L;

    SecretFileException(String message) {
      super(message);
    }
  }

  /** A secret file, cached until its modification time or size changes. */
  private static final class FileSecret extends Secret {
    private final Path path;

    // guarded by this
    private String cached;
    private FileTime cachedModified;
    private long cachedSize = -1;

    FileSecret(String key, Path path, boolean asciiOnly) {
      super(key, asciiOnly);
      this.path = path;
    }

    @Override
    synchronized String value() throws PrometheusException {
      try {
        reload();
      } catch (SecretFileException e) {
        throw new PrometheusException(
            "config",
            key
                + "="
                + path
                + " in "
                + PrometheusConfiguration.PID
                + " can no longer be used, so no request was sent: "
                + e.getMessage());
      }
      return cached;
    }

    @Override
    String source() {
      return "file " + path;
    }

    /** Reads the file again if it changed since the last read. */
    synchronized void reload() throws SecretFileException {
      FileTime modified;
      long size;
      try {
        modified = Files.getLastModifiedTime(path);
        size = Files.size(path);
      } catch (IOException e) {
        throw new SecretFileException("the file does not exist or cannot be read (" + e + ")");
      }
      if (cached != null && modified.equals(cachedModified) && size == cachedSize) {
        return;
      }

      if (!Files.isRegularFile(path)) {
        throw new SecretFileException("it must be a regular file");
      }
      if (size > MAX_FILE_BYTES) {
        throw new SecretFileException(
            "the file has " + size + " bytes, more than the " + MAX_FILE_BYTES + " a secret may");
      }
      checkNotWorldReadable(path);

      String value;
      try {
        value = Files.readString(path, StandardCharsets.UTF_8).strip();
      } catch (IOException e) {
        throw new SecretFileException("the file could not be read (" + e + ")");
      }
      if (value.isEmpty()) {
        throw new SecretFileException("the file is empty");
      }
      String problem = problem(value, asciiOnly);
      if (problem != null) {
        throw new SecretFileException("the value in the file " + problem);
      }

      cached = value;
      cachedModified = modified;
      cachedSize = size;
    }
  }
}
