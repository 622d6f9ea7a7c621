package org.slurmscope.console.internal.log;

import java.io.PrintStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Locale;
import org.osgi.framework.Bundle;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.log.LogEntry;
import org.osgi.service.log.LogLevel;
import org.osgi.service.log.LogListener;
import org.osgi.service.log.LogReaderService;

/**
 * Writes every entry of the OSGi log service (the framework's, SCR's and slurmscope's own loggers)
 * as one line to the process's standard error, which the launcher sends to the log file; never to
 * the terminal the console draws on. Which levels arrive is the log service's decision: WARN and
 * above by default. The framework's own bundle and service events, logged at INFO and DEBUG, are
 * left out because they repeat on every start and say nothing about a problem.
 */
@Component(immediate = true)
public final class LogFileWriter implements LogListener {

  @Reference private LogReaderService reader;

  /** Captured at activation: the launcher has already pointed System.err at the log file. */
  private PrintStream out;

  @Activate
  void activate() {
    out = System.err;
    // Entries logged before this bundle started are in the log service's history, newest first.
    List<LogEntry> history = new ArrayList<>();
    for (Enumeration<LogEntry> entries = reader.getLog(); entries.hasMoreElements(); ) {
      history.add(entries.nextElement());
    }
    Collections.reverse(history);
    history.forEach(this::logged);
    reader.addLogListener(this);
  }

  @Deactivate
  void deactivate() {
    reader.removeLogListener(this);
  }

  @Override
  public void logged(LogEntry entry) {
    if (isFrameworkEvent(entry)) {
      return;
    }
    out.println(format(entry));
    if (entry.getException() != null) {
      entry.getException().printStackTrace(out);
    }
  }

  private static boolean isFrameworkEvent(LogEntry entry) {
    return entry.getLoggerName().startsWith("Events.")
        && entry.getLogLevel().implies(LogLevel.INFO);
  }

  static String format(LogEntry entry) {
    Bundle bundle = entry.getBundle();
    String source = bundle == null ? "framework" : bundle.getSymbolicName();
    return Instant.ofEpochMilli(entry.getTime())
        + " "
        + String.format(Locale.ROOT, "%-5s", entry.getLogLevel())
        + " "
        + source
        + " ["
        + entry.getLoggerName()
        + "] "
        + entry.getMessage();
  }
}
