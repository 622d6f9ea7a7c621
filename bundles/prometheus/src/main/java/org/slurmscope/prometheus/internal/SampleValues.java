package org.slurmscope.prometheus.internal;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/**
 * Conversions between Prometheus's text forms of numbers and Java values.
 *
 * <p>The HTTP API sends sample values as JSON strings because JSON has no NaN or infinities:
 * Prometheus formats them with Go's {@code strconv.FormatFloat}, which writes {@code NaN}, {@code
 * +Inf} and {@code -Inf}.
 */
final class SampleValues {

  private SampleValues() {}

  /**
   * Parses a sample value. Accepts the special forms Go's {@code strconv.ParseFloat} accepts,
   * ignoring case: {@code NaN}, {@code Inf}, {@code +Inf}, {@code -Inf}, {@code Infinity}.
   *
   * @throws NumberFormatException when the text is not a number
   */
  static double parse(String text) {
    String lower = text.strip().toLowerCase(Locale.ROOT);
    switch (lower) {
      case "nan", "+nan", "-nan":
        return Double.NaN;
      case "inf", "+inf", "infinity", "+infinity":
        return Double.POSITIVE_INFINITY;
      case "-inf", "-infinity":
        return Double.NEGATIVE_INFINITY;
      default:
        return parseDecimal(lower, text);
    }
  }

  /**
   * Formats a time as Unix seconds with the fraction, the form Prometheus's {@code time} parameter
   * takes, for example {@code 1796413438.075}.
   */
  static String unixSeconds(Instant time) {
    return BigDecimal.valueOf(time.getEpochSecond())
        .add(BigDecimal.valueOf(time.getNano(), 9))
        .stripTrailingZeros()
        .toPlainString();
  }

  /**
   * Formats a duration as seconds with the fraction, a form every duration parameter of the API
   * takes ({@code step}, {@code timeout}), for example {@code 15} or {@code 0.5}.
   */
  static String seconds(Duration duration) {
    return BigDecimal.valueOf(duration.getSeconds())
        .add(BigDecimal.valueOf(duration.getNano(), 9))
        .stripTrailingZeros()
        .toPlainString();
  }

  private static double parseDecimal(String lower, String original) {
    // Double.parseDouble also takes Java's own forms ("1d", "0x1p3"), which no Prometheus server
    // sends: reject them as the malformed values they are.
    if (lower.isEmpty()) {
      throw notANumber(original);
    }
    for (int i = 0; i < lower.length(); i++) {
      char c = lower.charAt(i);
      boolean decimal = (c >= '0' && c <= '9') || c == '.' || c == 'e' || c == '+' || c == '-';
      if (!decimal) {
        throw notANumber(original);
      }
    }
    try {
      return Double.parseDouble(lower);
    } catch (NumberFormatException e) {
      throw notANumber(original);
    }
  }

  private static NumberFormatException notANumber(String text) {
    return new NumberFormatException("not a number: \"" + text + "\"");
  }
}
