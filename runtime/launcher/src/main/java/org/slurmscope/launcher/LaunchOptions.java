package org.slurmscope.launcher;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * The command line of {@code slurmscope}.
 *
 * @param demo run on the simulated demo cluster
 * @param configDir the site configuration folder given with {@code --config}, or null for the
 *     default
 * @param onceView the view {@code --once} prints, or null for the interactive console
 * @param format the {@code --format} of {@code --once}
 * @param timeout how long {@code --once} waits for the first answers
 * @param help print the usage and exit
 * @param version print the version and exit
 */
record LaunchOptions(
    boolean demo,
    Path configDir,
    String onceView,
    String format,
    Duration timeout,
    boolean help,
    boolean version) {

  static final List<String> FORMATS = List.of("table", "csv", "json");
  static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);

  static final String USAGE =
      String.join(
          "\n",
          "Usage: slurmscope [--demo] [--config DIR] [--once VIEW [--format table|csv|json]"
              + " [--timeout SECONDS]]",
          "",
          "A terminal console for SLURM clusters with live Prometheus metrics.",
          "",
          "Options:",
          "  --demo              run on the built-in simulated cluster instead of SLURM",
          "  --config DIR        read the site configuration from DIR instead of the",
          "                      distribution's config folder",
          "  --once VIEW         print one snapshot of VIEW (jobs, nodes) and exit",
          "  --format FORMAT     output of --once: table (default), csv or json",
          "  --timeout SECONDS   how long --once waits for SLURM and metrics (default 60)",
          "  --help              print this help and exit",
          "  --version           print the version and exit",
          "",
          "Environment:",
          "  SLURMSCOPE_OPTS     extra JVM options, for example -Xmx512m",
          "  XDG_CONFIG_HOME     user configuration in $XDG_CONFIG_HOME/slurmscope",
          "                      (default ~/.config/slurmscope)",
          "  XDG_STATE_HOME      log file in $XDG_STATE_HOME/slurmscope/slurmscope.log",
          "                      (default ~/.local/state/slurmscope)",
          "");

  /**
   * Parses the arguments.
   *
   * @throws IllegalArgumentException with a message naming the wrong argument and the fix
   */
  static LaunchOptions parse(String... args) {
    boolean demo = false;
    Path configDir = null;
    String onceView = null;
    String format = null;
    Duration timeout = null;
    boolean help = false;
    boolean version = false;
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      switch (arg) {
        case "--demo" -> demo = true;
        case "--config" -> configDir = Path.of(value(args, ++i, arg));
        case "--once" -> onceView = value(args, ++i, arg).toLowerCase(Locale.ROOT);
        case "--format" -> format = format(value(args, ++i, arg));
        case "--timeout" -> timeout = timeout(value(args, ++i, arg));
        case "--help", "-h" -> help = true;
        case "--version", "-V" -> version = true;
        default ->
            throw new IllegalArgumentException(
                "unknown option '" + arg + "': run slurmscope --help for the options");
      }
    }
    if (onceView == null && (format != null || timeout != null)) {
      throw new IllegalArgumentException("--format and --timeout only apply to --once VIEW");
    }
    return new LaunchOptions(
        demo,
        configDir,
        onceView,
        format == null ? "table" : format,
        timeout == null ? DEFAULT_TIMEOUT : timeout,
        help,
        version);
  }

  private static String value(String[] args, int index, String option) {
    if (index >= args.length || args[index].startsWith("--")) {
      throw new IllegalArgumentException(option + " needs a value: run slurmscope --help");
    }
    return args[index];
  }

  private static String format(String value) {
    String format = value.toLowerCase(Locale.ROOT);
    if (!FORMATS.contains(format)) {
      throw new IllegalArgumentException(
          "--format " + value + " is not supported: use table, csv or json");
    }
    return format;
  }

  private static Duration timeout(String value) {
    try {
      long seconds = Long.parseLong(value);
      if (seconds >= 1 && seconds <= 3600) {
        return Duration.ofSeconds(seconds);
      }
    } catch (NumberFormatException e) {
      // reported below with the rule
    }
    throw new IllegalArgumentException(
        "--timeout " + value + " is invalid: give whole seconds between 1 and 3600");
  }
}
