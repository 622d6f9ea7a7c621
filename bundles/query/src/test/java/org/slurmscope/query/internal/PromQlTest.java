package org.slurmscope.query.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PromQlTest {

  private static final List<String> CLUSTER = List.of("cluster=\"a\"");

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "node_load1 | node_load1{cluster=\"a\"}",
        "node_load1{mode=\"idle\"} | node_load1{cluster=\"a\",mode=\"idle\"}",
        "{__name__=~\"node_.*\"} | {cluster=\"a\",__name__=~\"node_.*\"}",
        "node_load1{cluster=\"b\"} | node_load1{cluster=\"b\"}",
        "sum by (instance) (rate(x[5m])) | sum by (instance) (rate(x{cluster=\"a\"}[5m]))",
        "sum(rate(x[5m])) without (cpu, mode) | sum(rate(x{cluster=\"a\"}[5m])) without (cpu, mode)",
        "a * on (instance) group_left (nodename) b | a{cluster=\"a\"} * on (instance) group_left"
            + " (nodename) b{cluster=\"a\"}",
        "a * on (instance) group_left b | a{cluster=\"a\"} * on (instance) group_left b{cluster=\"a\"}",
        "x offset 5m | x{cluster=\"a\"} offset 5m",
        "x @ start() | x{cluster=\"a\"} @ start()",
        "max_over_time(rate(x[1m])[1h:5m]) | max_over_time(rate(x{cluster=\"a\"}[1m])[1h:5m])",
        "x > bool 1e3 | x{cluster=\"a\"} > bool 1e3",
        "x or vector(0) | x{cluster=\"a\"} or vector(0)",
        "NaN + Inf * x | NaN + Inf * x{cluster=\"a\"}",
        "label_replace(x, \"y\", \"$1\", \"z\", \"(.*)\") | label_replace(x{cluster=\"a\"}, \"y\","
            + " \"$1\", \"z\", \"(.*)\")",
        "x{l=\"has } and cluster=\"} | x{cluster=\"a\",l=\"has } and cluster=\"}",
        "topk(5, x) | topk(5, x{cluster=\"a\"})",
        "0x1f * x | 0x1f * x{cluster=\"a\"}",
      })
  void clusterMatcherReachesEverySelector(String promql, String expected) {
    assertThat(PromQl.withMatchers(promql, CLUSTER)).isEqualTo(expected);
  }

  @Test
  void noMatchersLeaveTheQueryAsItIs() {
    assertThat(PromQl.withMatchers("node_load1", List.of())).isEqualTo("node_load1");
  }

  @Test
  void quoteEscapesEverythingThatEndsAString() {
    assertThat(PromQl.quote("a\"b\\c\nd")).isEqualTo("\"a\\\"b\\\\c\\nd\"");
  }

  @Test
  void quotedValueStaysOneMatcher() {
    String hostile = "x\"} or up{job=~\".*";

    String promql = PromQl.withMatchers("up", List.of(PromQl.matcher("cluster", "=", hostile)));

    assertThat(promql).isEqualTo("up{cluster=\"x\\\"} or up{job=~\\\".*\"}");
  }

  @Test
  void matcherRejectsAnInvalidLabelName() {
    assertThatThrownBy(() -> PromQl.matcher("a-b", "=", "x"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("not a Prometheus label name: a-b");
  }

  @Test
  void unclosedStringIsReported() {
    assertThatThrownBy(() -> PromQl.withMatchers("x{a=\"b}", CLUSTER))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("unclosed string starting at position 5");
  }
}
