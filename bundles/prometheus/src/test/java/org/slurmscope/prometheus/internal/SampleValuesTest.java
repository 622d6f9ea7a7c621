package org.slurmscope.prometheus.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SampleValuesTest {

  @Test
  void nanIsParsedAsNaN() {
    assertThat(SampleValues.parse("NaN")).isNaN();
  }

  @Test
  void plusInfIsPositiveInfinity() {
    assertThat(SampleValues.parse("+Inf")).isEqualTo(Double.POSITIVE_INFINITY);
  }

  @Test
  void minusInfIsNegativeInfinity() {
    assertThat(SampleValues.parse("-Inf")).isEqualTo(Double.NEGATIVE_INFINITY);
  }

  @ParameterizedTest
  @CsvSource({
    "35.99090909090923, 35.99090909090923",
    "0, 0",
    "-0.5, -0.5",
    "1e+06, 1000000",
    "1.5E-3, 0.0015",
    "inf, Infinity",
    "Infinity, Infinity",
  })
  void decimalAndGoFormsAreParsed(String text, double expected) {
    assertThat(SampleValues.parse(text)).isEqualTo(expected);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "abc", "1d", "0x1p3", "1,5", "1e"})
  void malformedValueIsRejectedWithTheText(String text) {
    assertThatThrownBy(() -> SampleValues.parse(text))
        .isInstanceOf(NumberFormatException.class)
        .hasMessage("not a number: \"" + text + "\"");
  }

  @Test
  void timeIsFormattedAsUnixSecondsWithFraction() {
    Instant time = Instant.ofEpochSecond(1796413438, 75_000_000);

    assertThat(SampleValues.unixSeconds(time)).isEqualTo("1796413438.075");
  }

  @Test
  void wholeSecondHasNoFraction() {
    assertThat(SampleValues.unixSeconds(Instant.ofEpochSecond(1796413438))).isEqualTo("1796413438");
  }
}
