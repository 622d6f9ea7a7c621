package org.slurmscope.demo.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class HostlistsTest {

  /** Cases recorded with {@code scontrol show hostlist} on Slurm 26.05.4. */
  private static final String CASES =
      "/hostlist/scontrol-show-hostlist_slurm-26.05.4_compress-cases.json";

  static Stream<Arguments> slurmCases() throws IOException {
    List<Arguments> cases = new ArrayList<>();
    try (InputStream in = HostlistsTest.class.getResourceAsStream(CASES)) {
      for (JsonNode entry : new ObjectMapper().readTree(in).get("cases")) {
        List<String> hosts = new ArrayList<>();
        entry.get("hosts").forEach(host -> hosts.add(host.asText()));
        cases.add(Arguments.of(hosts, entry.get("expression").asText()));
      }
    }
    return cases.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("slurmCases")
  void compressMatchesSlurm(List<String> hosts, String expected) {
    assertThat(Hostlists.compress(hosts)).isEqualTo(expected);
  }

  @ParameterizedTest(name = "{0} to width {1}")
  @MethodSource("paddingCases")
  void padKeepsLongerNumbers(long number, int width, String expected) {
    assertThat(Hostlists.pad(number, width)).isEqualTo(expected);
  }

  static Stream<Arguments> paddingCases() {
    return Stream.of(
        Arguments.of(7, 3, "007"), Arguments.of(64, 2, "64"), Arguments.of(10000, 3, "10000"));
  }
}
