package org.slurmscope.slurm.json;

import java.util.ArrayList;
import java.util.List;

/**
 * Slurm hostlist expressions such as {@code node[01-04,07],gpu[1-2]}, expanded and compressed the
 * way Slurm's own {@code scontrol show hostnames} and {@code scontrol show hostlist} do (the rules
 * of {@code src/common/hostlist.c}).
 *
 * <ul>
 *   <li>Host names keep their order and their zero padding: {@code node[0,00]} is two hosts, and
 *       compressing never sorts.
 *   <li>A range takes its width from its lower bound: {@code node[001-12]} gives node001 to
 *       node012, {@code node[1-010]} gives node1 to node10.
 *   <li>Several brackets in one name expand as Slurm does: the last bracket changes fastest, then
 *       the first, then the ones between ({@code rack[0-1]node[0-1]gpu[0-1]} starts rack0node0gpu0,
 *       rack0node0gpu1, rack1node0gpu0).
 * </ul>
 */
public final class Hostlist {

  /**
   * Maximum number of host names one expression may expand to. The largest clusters have tens of
   * thousands of nodes, so a longer expansion is a mistake that would only fill the heap.
   */
  public static final int MAX_HOSTS = 1_000_000;

  private Hostlist() {}

  /**
   * Expands an expression into host names, in Slurm's order. Names are separated by commas or
   * blanks; empty names are skipped.
   *
   * @throws IllegalArgumentException naming the expression and the fault, for an unclosed bracket,
   *     an empty range, a descending range or one with a character other than digits
   */
  public static List<String> expand(String expression) {
    List<String> hosts = new ArrayList<>();
    int depth = 0;
    int start = 0;
    for (int i = 0; i <= expression.length(); i++) {
      char c = i < expression.length() ? expression.charAt(i) : ',';
      if (c == '[') {
        depth++;
      } else if (c == ']') {
        depth--;
      } else if (depth == 0 && (c == ',' || Character.isWhitespace(c))) {
        if (i > start) {
          expandName(expression, expression.substring(start, i), hosts);
        }
        start = i + 1;
      }
    }
    if (depth != 0) {
      throw invalid(expression, "a bracket is not closed");
    }
    return hosts;
  }

  /** Returns how many hosts an expression names. */
  public static int count(String expression) {
    return expand(expression).size();
  }

  /**
   * Compresses host names into one expression, as {@code scontrol show hostlist} does: neighbours
   * with the same prefix and consecutive numbers of a compatible width become a range, and runs of
   * the same prefix share one bracket. The order of the names is kept.
   */
  public static String compress(List<String> hosts) {
    List<HostRange> ranges = new ArrayList<>();
    for (String host : hosts) {
      HostRange next = HostRange.of(host);
      HostRange last = ranges.isEmpty() ? null : ranges.get(ranges.size() - 1);
      if (last == null || !last.absorb(next)) {
        ranges.add(next);
      }
    }
    StringBuilder text = new StringBuilder();
    int i = 0;
    while (i < ranges.size()) {
      if (text.length() > 0) {
        text.append(',');
      }
      HostRange first = ranges.get(i);
      HostRange following = i + 1 < ranges.size() ? ranges.get(i + 1) : null;
      boolean bracket = first.count() > 1 || first.sharesBracketWith(following);
      text.append(first.prefix);
      if (bracket) {
        text.append('[');
      }
      do {
        text.append(ranges.get(i).numbers());
        i++;
        if (bracket) {
          text.append(',');
        }
      } while (i < ranges.size() && ranges.get(i).sharesBracketWith(ranges.get(i - 1)));
      if (bracket) {
        text.setCharAt(text.length() - 1, ']');
      }
    }
    return text.toString();
  }

  // --- Expansion

  /** Expands one name with zero or more brackets. */
  private static void expandName(String expression, String name, List<String> hosts) {
    List<String> texts = new ArrayList<>();
    List<List<Number>> brackets = new ArrayList<>();
    int from = 0;
    int open;
    while ((open = name.indexOf('[', from)) >= 0) {
      int close = name.indexOf(']', open);
      if (close < 0) {
        throw invalid(expression, "a bracket is not closed");
      }
      texts.add(name.substring(from, open));
      brackets.add(numbers(expression, name.substring(open + 1, close)));
      from = close + 1;
    }
    texts.add(name.substring(from));
    if (brackets.isEmpty()) {
      hosts.add(name);
      return;
    }
    int last = brackets.size() - 1;
    // Slurm's loop order: the brackets before the last from the last one back to the first, each
    // inside the previous, and the last bracket innermost.
    int[] order = new int[brackets.size()];
    for (int k = 0; k < last; k++) {
      order[k] = last - 1 - k;
    }
    order[last] = last;
    Number[] chosen = new Number[brackets.size()];
    product(texts, brackets, order, 0, chosen, hosts);
  }

  private static void product(
      List<String> texts,
      List<List<Number>> brackets,
      int[] order,
      int level,
      Number[] chosen,
      List<String> hosts) {
    if (level == order.length) {
      if (hosts.size() >= MAX_HOSTS) {
        throw new IllegalArgumentException(
            "invalid Slurm hostlist: it names more than " + MAX_HOSTS + " hosts");
      }
      StringBuilder host = new StringBuilder(texts.get(0));
      for (int b = 0; b < chosen.length; b++) {
        host.append(chosen[b].text()).append(texts.get(b + 1));
      }
      hosts.add(host.toString());
      return;
    }
    int bracket = order[level];
    for (Number number : brackets.get(bracket)) {
      chosen[bracket] = number;
      product(texts, brackets, order, level + 1, chosen, hosts);
    }
  }

  /** A number of a range with the width it is printed with. */
  private record Number(long value, int width) {
    String text() {
      return pad(Long.toUnsignedString(value), width);
    }
  }

  /** Parses the inside of a bracket: ranges {@code lo-hi} and single numbers, comma-separated. */
  private static List<Number> numbers(String expression, String inside) {
    if (inside.isEmpty()) {
      throw invalid(expression, "the brackets are empty");
    }
    List<Number> numbers = new ArrayList<>();
    for (String part : inside.split(",", -1)) {
      if (part.isEmpty()) {
        throw invalid(expression, "a range between commas is empty");
      }
      int dash = part.indexOf('-');
      String low = dash < 0 ? part : part.substring(0, dash);
      String high = dash < 0 ? part : part.substring(dash + 1);
      long lo = digits(expression, low);
      long hi = digits(expression, high);
      if (Long.compareUnsigned(lo, hi) > 0) {
        throw invalid(expression, "range " + part + " counts down");
      }
      if (Long.compareUnsigned(hi - lo, MAX_HOSTS) >= 0 || numbers.size() + (hi - lo) > MAX_HOSTS) {
        throw invalid(expression, "it names more than " + MAX_HOSTS + " hosts");
      }
      for (long n = lo; ; n++) {
        numbers.add(new Number(n, low.length()));
        if (n == hi) {
          break;
        }
      }
    }
    return numbers;
  }

  private static long digits(String expression, String text) {
    if (text.isEmpty() || text.length() > 20) {
      throw invalid(expression, "\"" + text + "\" is not a number");
    }
    for (int i = 0; i < text.length(); i++) {
      if (text.charAt(i) < '0' || text.charAt(i) > '9') {
        throw invalid(expression, "\"" + text + "\" is not a number or a range lo-hi");
      }
    }
    try {
      return Long.parseUnsignedLong(text);
    } catch (NumberFormatException e) {
      throw invalid(expression, "\"" + text + "\" is too large");
    }
  }

  private static IllegalArgumentException invalid(String expression, String fault) {
    return new IllegalArgumentException(
        "invalid Slurm hostlist \""
            + expression
            + "\": "
            + fault
            + "; expected names such as"
            + " node[01-04,07]");
  }

  private static String pad(String digits, int width) {
    if (digits.length() >= width) {
      return digits;
    }
    return "0".repeat(width - digits.length()) + digits;
  }

  // --- Compression

  /**
   * A run of host names with one prefix and consecutive numbers, as Slurm's {@code hostrange}: a
   * name without trailing digits is a single host of its own.
   */
  private static final class HostRange {
    private final String prefix;
    private final boolean single;
    private final long lo;
    private long hi;
    private int width;

    private HostRange(String prefix, boolean single, long number, int width) {
      this.prefix = prefix;
      this.single = single;
      this.lo = number;
      this.hi = number;
      this.width = width;
    }

    static HostRange of(String host) {
      int end = host.length();
      int start = end;
      while (start > 0 && Character.isDigit(host.charAt(start - 1))) {
        start--;
      }
      if (start == end || end - start > 18) {
        return new HostRange(host, true, 0, 0);
      }
      return new HostRange(
          host.substring(0, start), false, Long.parseLong(host.substring(start)), end - start);
    }

    long count() {
      return single ? 1 : hi - lo + 1;
    }

    /** Appends the next host when Slurm would: same prefix, next number, compatible width. */
    boolean absorb(HostRange next) {
      if (single || next.single || !prefix.equals(next.prefix) || next.lo != hi + 1) {
        return false;
      }
      int combined = combinedWidth(lo, width, next.lo, next.width);
      if (combined < 0) {
        return false;
      }
      width = combined;
      hi = next.hi;
      return true;
    }

    /** Slurm's {@code hostrange_within_range}: same prefix, both with numbers. */
    boolean sharesBracketWith(HostRange other) {
      return other != null && !single && !other.single && prefix.equals(other.prefix);
    }

    String numbers() {
      if (single) {
        return "";
      }
      String low = pad(Long.toString(lo), width);
      return lo == hi ? low : low + "-" + pad(Long.toString(hi), width);
    }

    /**
     * Slurm's {@code _width_equiv}: two widths are compatible when at most one of the numbers reads
     * differently under the other's width; returns the width the range keeps, or -1.
     */
    private static int combinedWidth(long n, int wn, long m, int wm) {
      if (wn == wm) {
        return wn;
      }
      boolean nChanges = zeroPadding(n, wn) != zeroPadding(n, wm);
      boolean mChanges = zeroPadding(m, wm) != zeroPadding(m, wn);
      if (nChanges && mChanges) {
        return -1;
      }
      return nChanges ? wn : wm;
    }

    private static int zeroPadding(long number, int width) {
      int digits = Long.toString(number).length();
      return Math.max(0, width - digits);
    }
  }
}
