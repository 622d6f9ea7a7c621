package org.slurmscope.slurm.json;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigInteger;

/**
 * An integer field of Slurm's JSON in any shape Slurm has sent it: a plain number, a NO_VAL or
 * INFINITE sentinel, or (from data_parser v0.0.39 on) a {@code {"set", "infinite", "number"}}
 * object.
 *
 * <p>Sentinels, from Slurm's {@code slurm.h}: {@code NO_VAL} is 0xfffffffe and {@code INFINITE} is
 * 0xffffffff for 32-bit fields; the 64-bit forms are printed either unsigned (2^64-2, 2^64-1) or
 * signed (-2, -1), as v0.0.38 does for a down node's {@code free_memory}. The 16-bit forms (0xfffe,
 * 0xffff) are only recognised where the caller requests them, because 65534 is a plausible value of
 * many 32-bit fields.
 *
 * @param kind which case the field is
 * @param value the number, meaningful only for {@link Kind#VALUE}
 */
public record SlurmNumber(Kind kind, long value) {

  /** The cases a Slurm number falls into. */
  public enum Kind {
    /** The field is missing or JSON null. */
    ABSENT,
    /** Slurm sent {@code set: false} or NO_VAL: the value is not set. */
    NOT_SET,
    /** Slurm sent {@code infinite: true} or INFINITE. */
    INFINITE,
    /** A usable number, never negative. */
    VALUE,
    /** The field has a shape no Slurm release uses for a number. */
    INVALID
  }

  static final SlurmNumber ABSENT = new SlurmNumber(Kind.ABSENT, 0);
  static final SlurmNumber NOT_SET = new SlurmNumber(Kind.NOT_SET, 0);
  static final SlurmNumber INFINITE = new SlurmNumber(Kind.INFINITE, 0);
  static final SlurmNumber INVALID = new SlurmNumber(Kind.INVALID, 0);

  private static final long NO_VAL = 0xfffffffeL;
  private static final long INFINITE32 = 0xffffffffL;
  private static final long NO_VAL16 = 0xfffeL;
  private static final long INFINITE16 = 0xffffL;
  private static final BigInteger NO_VAL64 = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.TWO);
  private static final BigInteger INFINITE64 =
      BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);

  /** Decodes a field whose C type is 32 or 64 bits wide. */
  public static SlurmNumber of(JsonNode node) {
    return of(node, false);
  }

  /** Decodes a field whose C type is {@code uint16_t}, such as a node's CPU counts in v0.0.38. */
  public static SlurmNumber of16(JsonNode node) {
    return of(node, true);
  }

  private static SlurmNumber of(JsonNode node, boolean sixteenBit) {
    if (node == null || node.isNull() || node.isMissingNode()) {
      return ABSENT;
    }
    if (node.isObject()) {
      return ofObject(node, sixteenBit);
    }
    if (node.isIntegralNumber()) {
      return node.canConvertToLong() ? ofLong(node.longValue(), sixteenBit) : ofBig(node);
    }
    if (node.isFloatingPointNumber()) {
      return ofDouble(node.doubleValue(), sixteenBit);
    }
    if (node.isTextual()) {
      return ofText(node.textValue(), sixteenBit);
    }
    return INVALID;
  }

  /** Decodes {@code {"set": bool, "infinite": bool, "number": n}}; infinite wins over set. */
  private static SlurmNumber ofObject(JsonNode node, boolean sixteenBit) {
    JsonNode set = node.get("set");
    JsonNode infinite = node.get("infinite");
    JsonNode number = node.get("number");
    if (set == null && infinite == null && number == null) {
      return INVALID;
    }
    if (infinite != null && infinite.asBoolean(false)) {
      return INFINITE;
    }
    if (set != null && !set.asBoolean(true)) {
      return NOT_SET;
    }
    if (number == null || number.isObject()) {
      return INVALID;
    }
    return of(number, sixteenBit);
  }

  private static SlurmNumber ofLong(long value, boolean sixteenBit) {
    if (value == NO_VAL || value == -2 || (sixteenBit && value == NO_VAL16)) {
      return NOT_SET;
    }
    if (value == INFINITE32 || value == -1 || (sixteenBit && value == INFINITE16)) {
      return INFINITE;
    }
    if (value < 0) {
      return INVALID;
    }
    return new SlurmNumber(Kind.VALUE, value);
  }

  private static SlurmNumber ofBig(JsonNode node) {
    BigInteger value = node.bigIntegerValue();
    if (value.equals(NO_VAL64)) {
      return NOT_SET;
    }
    if (value.equals(INFINITE64)) {
      return INFINITE;
    }
    return INVALID;
  }

  /** Accepts a whole number sent as a float, such as {@code 1.0}; a fraction is not a count. */
  private static SlurmNumber ofDouble(double value, boolean sixteenBit) {
    if (value != Math.rint(value) || Double.isInfinite(value) || Math.abs(value) > 1e15) {
      return INVALID;
    }
    return ofLong((long) value, sixteenBit);
  }

  /** Accepts digits sent as a string, as 23.11 and later do for the version in {@code meta}. */
  private static SlurmNumber ofText(String text, boolean sixteenBit) {
    String digits = text.strip();
    if (digits.isEmpty() || digits.length() > 18) {
      return INVALID;
    }
    for (int i = 0; i < digits.length(); i++) {
      char c = digits.charAt(i);
      if (c < '0' || c > '9') {
        return INVALID;
      }
    }
    return ofLong(Long.parseLong(digits), sixteenBit);
  }

  /** Returns true for a usable number. */
  public boolean isValue() {
    return kind == Kind.VALUE;
  }

  /** Returns true when the field had a shape that is not a Slurm number. */
  public boolean isInvalid() {
    return kind == Kind.INVALID;
  }
}
