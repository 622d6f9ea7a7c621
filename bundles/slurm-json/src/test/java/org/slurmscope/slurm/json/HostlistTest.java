package org.slurmscope.slurm.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Hostlists against Slurm's own answers: {@code scontrol show hostnames} and {@code scontrol show
 * hostlist} of Slurm 26.05.4, recorded case by case.
 */
class HostlistTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  static Stream<Arguments> expandCases() throws IOException {
    return cases("hostlist/scontrol-show-hostnames_slurm-26.05.4_expand-cases.json").stream()
        .map(
            c ->
                Arguments.of(
                    c.path("expression").asText(), c.path("invalid").asBoolean(), hosts(c)));
  }

  static Stream<Arguments> compressCases() throws IOException {
    return cases("hostlist/scontrol-show-hostlist_slurm-26.05.4_compress-cases.json").stream()
        .map(c -> Arguments.of(hosts(c), c.path("expression").asText()));
  }

  @ParameterizedTest(name = "expand \"{0}\"")
  @MethodSource("expandCases")
  void expandsAsScontrolShowHostnames(String expression, boolean invalid, List<String> hosts) {
    if (invalid) {
      assertThatThrownBy(() -> Hostlist.expand(expression))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("invalid Slurm hostlist \"" + expression + "\"");
    } else {
      assertThat(Hostlist.expand(expression)).containsExactlyElementsOf(hosts);
    }
  }

  @ParameterizedTest(name = "compress {0}")
  @MethodSource("compressCases")
  void compressesAsScontrolShowHostlist(List<String> hosts, String expression) {
    assertThat(Hostlist.compress(hosts)).isEqualTo(expression);
  }

  @ParameterizedTest(name = "round trip {0}")
  @MethodSource("compressCases")
  void compressedListExpandsToTheSameHosts(List<String> hosts, String expression) {
    assertThat(Hostlist.expand(Hostlist.compress(hosts))).containsExactlyElementsOf(hosts);
  }

  @Test
  void errorNamesTheFaultAndTheForm() {
    assertThatThrownBy(() -> Hostlist.expand("node[3-1]"))
        .hasMessage(
            "invalid Slurm hostlist \"node[3-1]\": range 3-1 counts down; expected names such as"
                + " node[01-04,07]");
    assertThatThrownBy(() -> Hostlist.expand("node[1-2"))
        .hasMessageContaining("a bracket is not closed");
  }

  @Test
  void hugeRangeIsRejectedInsteadOfFillingMemory() {
    assertThatThrownBy(() -> Hostlist.expand("node[0-99999999999]"))
        .hasMessageContaining("more than 1000000 hosts");
  }

  @Test
  void jobHostlistsOfSlurm2302AndLater() {
    // H07: the hostlists of the recorded slurmrestd jobs.
    assertThat(Hostlist.expand("cn[001-050,052-065]"))
        .hasSize(64)
        .startsWith("cn001")
        .endsWith("cn065");
    assertThat(Hostlist.expand("cn[1,4]")).containsExactly("cn1", "cn4");
  }

  private static List<String> hosts(JsonNode testCase) {
    List<String> hosts = new ArrayList<>();
    testCase.path("hosts").forEach(host -> hosts.add(host.asText()));
    return hosts;
  }

  private static List<JsonNode> cases(String resource) throws IOException {
    try (InputStream in = Fixtures.open(resource)) {
      List<JsonNode> cases = new ArrayList<>();
      JSON.readTree(in).path("cases").forEach(cases::add);
      return cases;
    }
  }
}
