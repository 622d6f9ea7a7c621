package org.slurmscope.query.internal;

import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * PromQL text tools: quoting label values so that no value can change a query, and adding label
 * matchers to every vector selector of an expression (the cluster filter, the job-level filters).
 *
 * <p>The selector scan follows the lexical rules of the PromQL reference (prometheus.io, "Querying
 * basics"): strings in double quotes, single quotes or backticks; label lists after {@code by},
 * {@code without}, {@code on}, {@code ignoring}, {@code group_left} and {@code group_right}; ranges
 * and subqueries in brackets; an identifier followed by {@code (} is a function or an aggregation.
 */
final class PromQl {

  /** Prometheus's rule for label names. */
  static final Pattern LABEL_NAME = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");

  /** Keywords that are never metric names. */
  private static final Set<String> KEYWORDS =
      Set.of(
          "and",
          "or",
          "unless",
          "by",
          "without",
          "on",
          "ignoring",
          "group_left",
          "group_right",
          "bool",
          "offset",
          "atan2",
          "inf",
          "nan");

  /** Keywords followed by a parenthesised list of label names. */
  private static final Set<String> LABEL_LIST_KEYWORDS =
      Set.of("by", "without", "on", "ignoring", "group_left", "group_right");

  private PromQl() {}

  /**
   * Returns a label value as a PromQL double-quoted string. Backslash, double quote and line breaks
   * are escaped, so the value can only ever be a string literal.
   */
  static String quote(String value) {
    StringBuilder text = new StringBuilder(value.length() + 2).append('"');
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      switch (c) {
        case '\\' -> text.append("\\\\");
        case '"' -> text.append("\\\"");
        case '\n' -> text.append("\\n");
        case '\r' -> text.append("\\r");
        case '\t' -> text.append("\\t");
        default -> text.append(c);
      }
    }
    return text.append('"').toString();
  }

  /** Returns the text of a matcher such as {@code cluster="hpc1"}, with the value quoted. */
  static String matcher(String label, String operator, String value) {
    if (!LABEL_NAME.matcher(label).matches()) {
      throw new IllegalArgumentException("not a Prometheus label name: " + label);
    }
    return label + operator + quote(value);
  }

  /**
   * Adds matchers to every vector selector of an expression: {@code node_load1} becomes {@code
   * node_load1{cluster="a"}}, {@code x{mode="idle"}} becomes {@code x{cluster="a",mode="idle"}}. A
   * selector that already has a matcher on one of the labels keeps its own.
   *
   * @param promql the expression
   * @param matchers matchers built with {@link #matcher}
   * @throws IllegalArgumentException when the expression has an unclosed string, brace or bracket
   */
  static String withMatchers(String promql, List<String> matchers) {
    if (matchers.isEmpty()) {
      return promql;
    }
    StringBuilder out = new StringBuilder(promql.length() + 32 * matchers.size());
    int i = 0;
    int length = promql.length();
    boolean labelListNext = false;
    while (i < length) {
      char c = promql.charAt(i);
      if (c == '"' || c == '\'' || c == '`') {
        int end = endOfString(promql, i);
        out.append(promql, i, end);
        i = end;
      } else if (c == '#') {
        int end = promql.indexOf('\n', i);
        end = end < 0 ? length : end;
        out.append(promql, i, end);
        i = end;
      } else if (c == '[') {
        int end = closing(promql, i, '[', ']');
        out.append(promql, i, end);
        i = end;
      } else if (c == '{') {
        int end = closing(promql, i, '{', '}');
        out.append(withAddedMatchers(promql.substring(i, end), matchers));
        i = end;
      } else if (c == '(' && labelListNext) {
        int end = closing(promql, i, '(', ')');
        out.append(promql, i, end);
        i = end;
        labelListNext = false;
      } else if (isIdentifierStart(c) && !isNumberContinuation(promql, i)) {
        int end = i;
        while (end < length && isIdentifierPart(promql.charAt(end))) {
          end++;
        }
        String word = promql.substring(i, end);
        out.append(word);
        i = end;
        labelListNext = false;
        String lower = word.toLowerCase(java.util.Locale.ROOT);
        if (LABEL_LIST_KEYWORDS.contains(lower)) {
          labelListNext = true;
          continue;
        }
        int next = skipSpaces(promql, i);
        // An aggregation may put its grouping first: "sum by (instance) (...)".
        boolean call = next < length && promql.charAt(next) == '(' || startsGrouping(promql, next);
        boolean braces = next < length && promql.charAt(next) == '{';
        if (!call && !braces && !KEYWORDS.contains(lower) && !afterAtModifier(out, word)) {
          out.append('{').append(String.join(",", matchers)).append('}');
        }
      } else {
        if (!Character.isWhitespace(c)) {
          labelListNext = false;
        }
        out.append(c);
        i++;
      }
    }
    return out.toString();
  }

  /** Adds the matchers to a {@code {...}} block whose labels do not already have them. */
  private static String withAddedMatchers(String block, List<String> matchers) {
    String inner = block.substring(1, block.length() - 1).strip();
    StringBuilder added = new StringBuilder();
    for (String matcher : matchers) {
      String label = matcher.substring(0, labelEnd(matcher));
      if (!hasMatcherOn(inner, label)) {
        added.append(added.length() == 0 ? "" : ",").append(matcher);
      }
    }
    if (added.length() == 0) {
      return block;
    }
    return "{" + added + (inner.isEmpty() ? "" : "," + inner) + "}";
  }

  private static boolean hasMatcherOn(String inner, String label) {
    return Pattern.compile("(^|[,{\\s])" + Pattern.quote(label) + "\\s*(=|!=|=~|!~)")
        .matcher(stripStrings(inner))
        .find();
  }

  /** Replaces the contents of string literals with blanks, so that a value cannot look a label. */
  private static String stripStrings(String text) {
    StringBuilder out = new StringBuilder(text.length());
    int i = 0;
    while (i < text.length()) {
      char c = text.charAt(i);
      if (c == '"' || c == '\'' || c == '`') {
        int end = endOfString(text, i);
        out.append(c).append(" ".repeat(end - i - 2)).append(c);
        i = end;
      } else {
        out.append(c);
        i++;
      }
    }
    return out.toString();
  }

  private static int labelEnd(String matcher) {
    int end = 0;
    while (end < matcher.length() && isIdentifierPart(matcher.charAt(end))) {
      end++;
    }
    return end;
  }

  /** Returns the index after the string literal that starts at {@code start}. */
  private static int endOfString(String text, int start) {
    char quote = text.charAt(start);
    int i = start + 1;
    while (i < text.length()) {
      char c = text.charAt(i);
      if (c == '\\' && quote != '`') {
        i += 2;
        continue;
      }
      if (c == quote) {
        return i + 1;
      }
      i++;
    }
    throw new IllegalArgumentException("unclosed string starting at position " + (start + 1));
  }

  /** Returns the index after the bracket that closes the one at {@code start}. */
  private static int closing(String text, int start, char open, char close) {
    int depth = 0;
    int i = start;
    while (i < text.length()) {
      char c = text.charAt(i);
      if (c == '"' || c == '\'' || c == '`') {
        i = endOfString(text, i);
        continue;
      }
      if (c == open) {
        depth++;
      } else if (c == close && --depth == 0) {
        return i + 1;
      }
      i++;
    }
    throw new IllegalArgumentException("unclosed '" + open + "' at position " + (start + 1));
  }

  /** True for the {@code start} or {@code end} of an {@code @ start()} modifier. */
  private static boolean afterAtModifier(StringBuilder out, String word) {
    int i = out.length() - word.length() - 1;
    while (i >= 0 && Character.isWhitespace(out.charAt(i))) {
      i--;
    }
    return i >= 0 && out.charAt(i) == '@';
  }

  /** True when the letter continues a number: the {@code e} of {@code 1e3}, {@code x} of 0x1f. */
  private static boolean isNumberContinuation(String text, int i) {
    return i > 0 && (Character.isDigit(text.charAt(i - 1)) || text.charAt(i - 1) == '.');
  }

  private static boolean startsGrouping(String text, int i) {
    for (String keyword : List.of("by", "without")) {
      int end = i + keyword.length();
      if (text.regionMatches(true, i, keyword, 0, keyword.length())
          && (end == text.length() || !isIdentifierPart(text.charAt(end)))) {
        return true;
      }
    }
    return false;
  }

  private static int skipSpaces(String text, int i) {
    while (i < text.length() && Character.isWhitespace(text.charAt(i))) {
      i++;
    }
    return i;
  }

  private static boolean isIdentifierStart(char c) {
    return Character.isLetter(c) || c == '_' || c == ':';
  }

  private static boolean isIdentifierPart(char c) {
    return Character.isLetterOrDigit(c) || c == '_' || c == ':';
  }
}
