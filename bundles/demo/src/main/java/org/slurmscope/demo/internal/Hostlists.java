package org.slurmscope.demo.internal;

import java.util.List;

/**
 * Writes host names as a Slurm hostlist expression, the form {@code scontrol show hostlist} prints.
 */
final class Hostlists {

  private Hostlists() {}

  /**
   * Compresses host names in the given order: neighbours that share a prefix are bracketed together
   * ({@code cn[001-004,007]}), and a name joins the range before it when its number is one higher
   * and has the range's zero-padded width. A name that does not end in digits is kept as it is. The
   * order is kept, as Slurm keeps it.
   */
  static String compress(List<String> names) {
    StringBuilder out = new StringBuilder();
    int index = 0;
    while (index < names.size()) {
      if (out.length() > 0) {
        out.append(',');
      }
      index = appendGroup(names, index, out);
    }
    return out.toString();
  }

  /** Appends the names from {@code start} that share its prefix; returns the index after them. */
  private static int appendGroup(List<String> names, int start, StringBuilder out) {
    String first = names.get(start);
    int digitsAt = trailingDigitsStart(first);
    if (digitsAt == first.length()) {
      out.append(first);
      return start + 1;
    }
    String prefix = first.substring(0, digitsAt);
    int end = start + 1;
    while (end < names.size() && hasNumberAfter(names.get(end), prefix)) {
      end++;
    }
    if (end - start == 1) {
      out.append(first);
      return end;
    }
    out.append(prefix).append('[');
    appendRanges(names.subList(start, end), prefix.length(), out);
    out.append(']');
    return end;
  }

  private static void appendRanges(List<String> group, int prefixLength, StringBuilder out) {
    String rangeStart = group.get(0).substring(prefixLength);
    int width = rangeStart.length();
    long last = Long.parseLong(rangeStart);
    String rangeEnd = rangeStart;
    for (int i = 1; i < group.size(); i++) {
      String digits = group.get(i).substring(prefixLength);
      long number = Long.parseLong(digits);
      if (number == last + 1 && digits.equals(pad(number, width))) {
        rangeEnd = digits;
      } else {
        appendRange(rangeStart, rangeEnd, out);
        out.append(',');
        rangeStart = digits;
        rangeEnd = digits;
        width = digits.length();
      }
      last = number;
    }
    appendRange(rangeStart, rangeEnd, out);
  }

  private static void appendRange(String start, String end, StringBuilder out) {
    out.append(start);
    if (!end.equals(start)) {
      out.append('-').append(end);
    }
  }

  private static boolean hasNumberAfter(String name, String prefix) {
    return name.length() > prefix.length()
        && name.startsWith(prefix)
        && trailingDigitsStart(name) == prefix.length();
  }

  private static int trailingDigitsStart(String name) {
    int at = name.length();
    while (at > 0 && Character.isDigit(name.charAt(at - 1))) {
      at--;
    }
    return at;
  }

  /** Formats a number zero-padded to a width; a longer number keeps all its digits. */
  static String pad(long number, int width) {
    String digits = Long.toString(number);
    if (digits.length() >= width) {
      return digits;
    }
    return "0".repeat(width - digits.length()) + digits;
  }
}
