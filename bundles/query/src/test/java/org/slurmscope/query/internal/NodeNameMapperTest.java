package org.slurmscope.query.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NodeNameMapperTest {

  private static final NodeNameMapper KEEP = new NodeNameMapper(DomainMode.KEEP, "");
  private static final NodeNameMapper STRIP =
      new NodeNameMapper(DomainMode.STRIP_SUFFIX, ".cluster.example.org");
  private static final NodeNameMapper SHORT = new NodeNameMapper(DomainMode.SHORT, "");

  @ParameterizedTest
  @CsvSource({
    "node01:9100, node01",
    "node01, node01",
    "10.253.0.101:9100, 10.253.0.101",
    "'[::1]:9100', ::1",
    "'[2001:db8::5]:9100', 2001:db8::5",
    "'[2001:db8::5]', 2001:db8::5",
    "2001:db8::5, 2001:db8::5",
    "node01:metrics, node01:metrics",
    "node01.cluster.example.org:9100, node01.cluster.example.org",
    "' node01:9100 ', node01",
  })
  void keepModeRemovesOnlyThePort(String labelValue, String expected) {
    assertThat(KEEP.nodeName(labelValue)).isEqualTo(expected);
  }

  @ParameterizedTest
  @CsvSource({
    "node01.cluster.example.org:9100, node01",
    "node01.cluster.example.org, node01",
    "NODE01.Cluster.Example.ORG:9100, NODE01",
    "gpu-a.rack1.cluster.example.org:9100, gpu-a.rack1",
    "node01.other.example.org:9100, node01.other.example.org",
    "node01:9100, node01",
    "cluster.example.org:9100, cluster.example.org",
    "10.253.0.101:9100, 10.253.0.101",
  })
  void stripSuffixModeRemovesOnlyThatDomain(String labelValue, String expected) {
    assertThat(STRIP.nodeName(labelValue)).isEqualTo(expected);
  }

  @ParameterizedTest
  @CsvSource({
    "node01.cluster.example.org:9100, node01",
    "node01.other.example.org, node01",
    "node01:9100, node01",
    "10.253.0.101:9100, 10.253.0.101",
    "'[2001:db8::5]:9100', 2001:db8::5",
  })
  void shortModeKeepsHostBeforeFirstDot(String labelValue, String expected) {
    assertThat(SHORT.nodeName(labelValue)).isEqualTo(expected);
  }

  @ParameterizedTest
  @CsvSource({"':9100'", "''", "'[]:9100'"})
  void valueWithoutHostHasNoNodeName(String labelValue) {
    assertThat(KEEP.nodeName(labelValue)).isNull();
  }
}
