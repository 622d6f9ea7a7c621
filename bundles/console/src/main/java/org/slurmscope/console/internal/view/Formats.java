package org.slurmscope.console.internal.view;

import java.time.Duration;
import java.util.Locale;
import org.slurmscope.api.slurm.TimeLimit;

/** Text forms of durations, time limits and sizes, as Slurm's own tools print them. */
public final class Formats {

  private Formats() {}

  /**
   * Formats a duration as {@code squeue} does: {@code M:SS}, {@code H:MM:SS}, or {@code D-HH:MM:SS}
   * from one day on.
   */
  public static String duration(Duration duration) {
    long seconds = Math.max(0, duration.getSeconds());
    long days = seconds / 86_400;
    long hours = seconds % 86_400 / 3600;
    long minutes = seconds % 3600 / 60;
    long secs = seconds % 60;
    if (days > 0) {
      return String.format(Locale.ROOT, "%d-%02d:%02d:%02d", days, hours, minutes, secs);
    }
    if (hours > 0) {
      return String.format(Locale.ROOT, "%d:%02d:%02d", hours, minutes, secs);
    }
    return String.format(Locale.ROOT, "%d:%02d", minutes, secs);
  }

  /** Formats a time limit: the duration, or {@code UNLIMITED}, {@code NOT_SET}, {@code Unknown}. */
  public static String timeLimit(TimeLimit limit) {
    return switch (limit.kind()) {
      case MINUTES -> duration(Duration.ofMinutes(limit.minutes()));
      case UNLIMITED -> "UNLIMITED";
      case NOT_SET -> "NOT_SET";
      case UNKNOWN -> "Unknown";
    };
  }

  /**
   * Formats a size given in MiB with a binary unit: {@code 512M}, {@code 15.6G}, {@code 2.0T}, as
   * Slurm writes memory.
   */
  public static String mebibytes(long mebibytes) {
    if (mebibytes < 1024) {
      return mebibytes + "M";
    }
    if (mebibytes < 1024L * 1024) {
      return String.format(Locale.ROOT, "%.1fG", mebibytes / 1024.0);
    }
    return String.format(Locale.ROOT, "%.1fT", mebibytes / (1024.0 * 1024));
  }

  /** Formats a number with the given decimals, keeping NaN and infinities visible. */
  public static String decimal(double value, int decimals) {
    if (Double.isNaN(value)) {
      return "NaN";
    }
    if (Double.isInfinite(value)) {
      return value > 0 ? "+Inf" : "-Inf";
    }
    return String.format(Locale.ROOT, "%." + decimals + "f", value);
  }
}
