package org.slurmscope.prometheus.internal;

import static org.slurmscope.prometheus.internal.ConfigErrors.invalid;
import static org.slurmscope.prometheus.internal.ConfigErrors.quote;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import org.osgi.service.log.Logger;

/**
 * One line per request, in logfmt ({@code key=value}, strings quoted): when it started, the
 * endpoint, the query, how long it took, the HTTP status (or {@code -} without a response), the
 * outcome ({@code ok} or the error type), the number of series or items returned and the attempts.
 * For example:
 *
 * <pre>
 * time=2026-12-04T21:51:42.123Z endpoint=api/v1/query status=200 outcome=ok durationMillis=12
 * series=5 attempts=1 query="up"
 * </pre>
 *
 * (one line in the file). The lines go to a file of their own, or to the slurmscope log at INFO.
 */
abstract class AuditLog implements AutoCloseable {

  /** An audit log that writes nothing. */
  static final AuditLog OFF =
      new AuditLog() {
        @Override
        void write(String line) {
          // Off: nothing is written.
        }
      };

  /**
   * Opens the audit log the settings ask for.
   *
   * @throws IllegalArgumentException naming the PID, {@code auditLogFile}, the path and the reason
   *     when the file cannot be opened for appending
   */
  static AuditLog open(ClientSettings.Audit settings, Logger logger) {
    if (!settings.enabled()) {
      return OFF;
    }
    if (settings.file() == null) {
      return new AuditLog() {
        @Override
        void write(String line) {
          logger.info("audit {}", line);
        }
      };
    }
    return new FileAuditLog(settings.file(), logger);
  }

  /** Records one request. */
  final void record(
      Instant start,
      String endpoint,
      String query,
      long durationMillis,
      String status,
      String outcome,
      int series,
      int attempts) {
    if (this == OFF) {
      return;
    }
    StringBuilder line = new StringBuilder(128 + (query == null ? 0 : query.length()));
    line.append("time=").append(start);
    line.append(" endpoint=").append(endpoint);
    line.append(" status=").append(status);
    line.append(" outcome=").append(outcome);
    line.append(" durationMillis=").append(durationMillis);
    line.append(" series=").append(series < 0 ? "-" : Integer.toString(series));
    line.append(" attempts=").append(attempts);
    if (query != null) {
      line.append(" query=");
      appendQuoted(line, query);
    }
    write(line.toString());
  }

  abstract void write(String line);

  @Override
  public void close() {
    // Nothing to release unless a subclass holds a file.
  }

  /**
   * Quotes a value, escaping backslashes, quotes and line breaks so that one request is one line.
   */
  static void appendQuoted(StringBuilder out, String value) {
    out.append('"');
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> out.append(c);
      }
    }
    out.append('"');
  }

  /** Appends lines to a file, created readable by its owner only, since queries name users. */
  private static final class FileAuditLog extends AuditLog {
    private final Path file;
    private final Logger logger;

    // guarded by this
    private final Writer writer;
    private boolean failing;

    FileAuditLog(Path file, Logger logger) {
      this.file = file;
      this.logger = logger;
      try {
        if (!Files.exists(file)) {
          createOwnerOnly(file);
        }
        writer =
            Files.newBufferedWriter(
                file, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
      } catch (IOException e) {
        throw invalid(
            "auditLogFile",
            quote(file.toString()),
            "the file cannot be opened for appending (" + e + ")");
      }
    }

    private static void createOwnerOnly(Path file) throws IOException {
      try {
        Files.createFile(
            file,
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      } catch (UnsupportedOperationException e) {
        Files.createFile(file);
      }
    }

    @Override
    synchronized void write(String line) {
      try {
        writer.write(line);
        writer.write('\n');
        writer.flush();
        failing = false;
      } catch (IOException e) {
        // Logged once per run of failures, so that a full disk does not flood the log.
        if (!failing) {
          logger.warn("Could not write the audit log {}: {}", file, e.toString());
          failing = true;
        }
      }
    }

    @Override
    public synchronized void close() {
      try {
        writer.close();
      } catch (IOException e) {
        logger.warn("Could not close the audit log {}: {}", file, e.toString());
      }
    }
  }
}
