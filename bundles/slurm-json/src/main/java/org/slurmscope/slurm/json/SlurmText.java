package org.slurmscope.slurm.json;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.slurmscope.api.slurm.TimeLimit;

/**
 * Values as Slurm's text tools print them: {@code key=value} records of {@code scontrol -o show},
 * time limits, times, memory sizes and counts.
 */
public final class SlurmText {

  /** A key of {@code scontrol -o show}: a capitalised word, possibly with digits or slashes. */
  private static final Pattern KEY = Pattern.compile("[A-Z][A-Za-z0-9_/:.]*=.*");

  private static final Pattern LIMIT =
      Pattern.compile("(?:(\\d+)-)?(\\d+)(?::(\\d+))?(?::(\\d+))?");

  private SlurmText() {}

  /**
   * Splits one line of {@code scontrol -o show nodes|partitions|jobs} into its fields, in order.
   * Values may contain blanks ({@code OS=Linux 6.1 #1 SMP}, {@code Reason=disk failed
   * [root@2026-07-22T23:31:17]}): a word that does not start a new {@code Key=} continues the value
   * before it.
   *
   * <p>NOTE: a value that itself contains a blank followed by {@code Word=} (a free-text reason
   * such as {@code bad fan=2}) is split there, as Slurm's one-line format cannot tell the two
   * apart.
   */
  public static Map<String, String> record(String line) {
    Map<String, String> fields = new LinkedHashMap<>();
    String key = null;
    StringBuilder value = new StringBuilder();
    for (String word : line.strip().split(" ")) {
      if (word.isEmpty()) {
        if (key != null && value.length() > 0) {
          value.append(' ');
        }
        continue;
      }
      if (KEY.matcher(word).matches()) {
        if (key != null) {
          fields.put(key, value.toString().strip());
        }
        int equals = word.indexOf('=');
        key = word.substring(0, equals);
        value.setLength(0);
        value.append(word, equals + 1, word.length());
      } else if (key != null) {
        if (value.length() > 0 && value.charAt(value.length() - 1) != ' ') {
          value.append(' ');
        }
        value.append(word);
      }
    }
    if (key != null) {
      fields.put(key, value.toString().strip());
    }
    return fields;
  }

  /**
   * Parses a time limit as Slurm prints it: {@code MM}, {@code MM:SS}, {@code HH:MM:SS}, {@code
   * D-HH}, {@code D-HH:MM}, {@code D-HH:MM:SS}, or {@code UNLIMITED}/{@code INFINITE}, {@code
   * NOT_SET}/{@code NONE}, {@code Unknown}/{@code N/A}. Seconds are rounded up to a minute, as
   * Slurm counts limits in minutes.
   *
   * @return the limit, or null for empty text
   * @throws IllegalArgumentException when the text has another form
   */
  public static TimeLimit timeLimit(String text) {
    if (text == null || text.isBlank()) {
      return null;
    }
    String value = text.strip();
    switch (value.toUpperCase(Locale.ROOT)) {
      case "UNLIMITED", "INFINITE":
        return TimeLimit.UNLIMITED;
      case "NOT_SET", "NONE":
        return TimeLimit.NOT_SET;
      case "UNKNOWN", "N/A", "(NULL)":
        return TimeLimit.UNKNOWN;
      default:
        break;
    }
    var match = LIMIT.matcher(value);
    if (!match.matches()) {
      throw new IllegalArgumentException(
          "time limit \"" + text + "\" is not [D-]HH:MM:SS, MM:SS, D-HH, UNLIMITED or NOT_SET");
    }
    long days = match.group(1) == null ? 0 : Long.parseLong(match.group(1));
    long a = Long.parseLong(match.group(2));
    Long b = match.group(3) == null ? null : Long.parseLong(match.group(3));
    Long c = match.group(4) == null ? null : Long.parseLong(match.group(4));
    long seconds;
    if (match.group(1) != null) {
      // D-HH, D-HH:MM, D-HH:MM:SS
      seconds = days * 86_400 + a * 3600 + (b == null ? 0 : b * 60) + (c == null ? 0 : c);
    } else if (c != null) {
      seconds = a * 3600 + b * 60 + c;
    } else if (b != null) {
      seconds = a * 60 + b;
    } else {
      seconds = a * 60;
    }
    return TimeLimit.ofMinutes((seconds + 59) / 60);
  }

  /**
   * Parses a time as Slurm prints it ({@code 2026-07-31T03:59:08}, in the zone of the machine that
   * runs the command); {@code N/A}, {@code Unknown}, {@code None} and {@code 0} are no time.
   *
   * @throws IllegalArgumentException when the text is not such a time
   */
  public static Instant time(String text, ZoneId zone) {
    if (text == null || text.isBlank()) {
      return null;
    }
    String value = text.strip();
    switch (value.toUpperCase(Locale.ROOT)) {
      case "N/A", "UNKNOWN", "NONE", "0", "(NULL)":
        return null;
      default:
        break;
    }
    try {
      return LocalDateTime.parse(value).atZone(zone).toInstant();
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("time \"" + text + "\" is not YYYY-MM-DDTHH:MM:SS");
    }
  }

  /**
   * Parses a memory size in MiB: a bare number is MiB, and the units K, M, G, T and P are powers of
   * 1024 ({@code 257728M}, {@code 62.50G}, {@code 1T}); fractions are allowed.
   *
   * @return the size rounded to whole MiB, or null for empty text, {@code N/A} and {@code (null)}
   * @throws IllegalArgumentException when the text is not a size
   */
  public static Long mebibytes(String text) {
    if (text == null || text.isBlank()) {
      return null;
    }
    String value = text.strip();
    if (value.equalsIgnoreCase("N/A") || value.equalsIgnoreCase("(null)")) {
      return null;
    }
    double factor = 1;
    char unit = Character.toUpperCase(value.charAt(value.length() - 1));
    if (Character.isLetter(unit)) {
      factor =
          switch (unit) {
            case 'K' -> 1.0 / 1024;
            case 'M' -> 1;
            case 'G' -> 1024;
            case 'T' -> 1024.0 * 1024;
            case 'P' -> 1024.0 * 1024 * 1024;
            default ->
                throw new IllegalArgumentException(
                    "memory size \""
                        + text
                        + "\" has an unknown unit "
                        + unit
                        + "; expected K, M, G, T"
                        + " or P");
          };
      value = value.substring(0, value.length() - 1);
    }
    try {
      double number = Double.parseDouble(value);
      if (number < 0 || Double.isNaN(number) || Double.isInfinite(number)) {
        throw new NumberFormatException(value);
      }
      return Math.round(number * factor);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("memory size \"" + text + "\" is not a number");
    }
  }

  /**
   * Parses a count; {@code N/A}, {@code (null)} and empty text are no count.
   *
   * @throws IllegalArgumentException when the text is not a whole number
   */
  public static Integer count(String text) {
    if (text == null || text.isBlank()) {
      return null;
    }
    String value = text.strip();
    if (value.equalsIgnoreCase("N/A") || value.equalsIgnoreCase("(null)")) {
      return null;
    }
    try {
      return Integer.valueOf(value);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("count \"" + text + "\" is not a whole number");
    }
  }

  /** Returns null for Slurm's placeholders of an empty text value, else the stripped text. */
  public static String text(String value) {
    if (value == null) {
      return null;
    }
    String stripped = value.strip();
    return stripped.isEmpty() || stripped.equals("(null)") || stripped.equalsIgnoreCase("N/A")
        ? null
        : stripped;
  }
}
