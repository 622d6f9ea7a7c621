package org.slurmscope.slurm.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.slurmscope.api.slurm.Gpus;
import org.slurmscope.api.slurm.Job;
import org.slurmscope.api.slurm.Node;
import org.slurmscope.api.slurm.Partition;
import org.slurmscope.api.slurm.SlurmSourceException;

/**
 * Every recorded slurmrestd answer, from Slurm 23.02 (v0.0.39) to 25.11 (v0.0.44), decoded and
 * checked against what the raw document says. Each folder is one Slurm release and API version:
 * {@code v0.0.42_slurm-24.11.5}.
 */
class SlurmrestdFixturesTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  static Stream<Path> folders() throws IOException, URISyntaxException {
    Path root = Path.of(Fixtures.class.getClassLoader().getResource("slurmrestd").toURI());
    try (Stream<Path> list = Files.list(root)) {
      return list.filter(Files::isDirectory).sorted().toList().stream();
    }
  }

  static Stream<Path> files(String name) throws IOException, URISyntaxException {
    return folders().map(folder -> folder.resolve(name)).filter(Files::exists);
  }

  static Stream<Path> jobLists() throws Exception {
    return files("slurm-jobs.json");
  }

  static Stream<Path> nodeLists() throws Exception {
    return files("slurm-nodes.json");
  }

  static Stream<Path> partitionLists() throws Exception {
    return files("slurm-partitions.json");
  }

  static Stream<Path> pings() throws Exception {
    return files("slurm-ping.json");
  }

  static Stream<Path> statusMaps() throws Exception {
    return files("http-status-of-each-capture.json");
  }

  static Stream<Path> singleJobs() throws Exception {
    List<Path> jobs = new ArrayList<>();
    for (Path folder : folders().toList()) {
      try (Stream<Path> list = Files.list(folder)) {
        list.filter(p -> p.getFileName().toString().matches("slurm(db)?-job-.*\\.json"))
            .filter(p -> !p.getFileName().toString().contains("unfound"))
            .forEach(jobs::add);
      }
    }
    return jobs.stream().sorted();
  }

  static Stream<Path> singleNodes() throws Exception {
    List<Path> nodes = new ArrayList<>();
    for (Path folder : folders().toList()) {
      try (Stream<Path> list = Files.list(folder)) {
        list.filter(p -> p.getFileName().toString().matches("slurm-node-.*\\.json"))
            .filter(p -> !p.getFileName().toString().contains("unfound"))
            .forEach(nodes::add);
      }
    }
    return nodes.stream().sorted();
  }

  static Stream<Path> unfound() throws Exception {
    return Stream.concat(files("slurm-job-unfound.json"), files("slurm-node-unfound.json"));
  }

  static Stream<Path> notFoundTexts() throws Exception {
    return files("slurm-not-found.txt");
  }

  @ParameterizedTest
  @MethodSource("jobLists")
  void everyJobOfTheListIsDecodedWithoutWarnings(Path file) throws Exception {
    SlurmDocument document = decode(file);
    JsonNode raw = tree(file).path("jobs");

    assertThat(document.jobs()).hasSize(raw.size());
    assertThat(document.warnings()).isEmpty();
    for (int i = 0; i < raw.size(); i++) {
      Job job = document.jobs().get(i);
      JsonNode rawJob = raw.get(i);
      assertThat(job.id()).contains(rawJob.path("job_id").asText());
      assertThat(job.state().base()).isEqualTo(firstState(rawJob.path("job_state")));
      assertThat(job.user()).isEqualTo(rawJob.path("user_name").asText());
      assertThat(job.invalidFields()).as("job %s", job.id()).isEmpty();
    }
  }

  @ParameterizedTest
  @MethodSource("nodeLists")
  void everyNodeOfTheListIsDecodedWithItsCpusAndState(Path file) throws Exception {
    SlurmDocument document = decode(file);
    JsonNode raw = tree(file).path("nodes");

    assertThat(document.nodes()).hasSize(raw.size());
    assertThat(document.warnings()).isEmpty();
    for (int i = 0; i < raw.size(); i++) {
      Node node = document.nodes().get(i);
      assertThat(node.name()).isEqualTo(raw.get(i).path("name").asText());
      assertThat(node.cpusTotal()).isEqualTo(raw.get(i).path("cpus").asInt());
      assertThat(node.state().base()).isEqualTo(firstState(raw.get(i).path("state")));
      assertThat(node.invalidFields()).isEmpty();
    }
  }

  @ParameterizedTest
  @MethodSource("partitionLists")
  void everyPartitionHasItsNodesCpusAndLimit(Path file) throws Exception {
    SlurmDocument document = decode(file);
    JsonNode raw = tree(file).path("partitions");

    assertThat(document.partitions()).hasSize(raw.size());
    for (int i = 0; i < raw.size(); i++) {
      Partition partition = document.partitions().get(i);
      assertThat(partition.name()).isEqualTo(raw.get(i).path("name").asText());
      assertThat(partition.totalCpus()).isEqualTo(raw.get(i).path("cpus").path("total").asInt());
      assertThat(partition.nodes()).isEqualTo(raw.get(i).path("nodes").path("configured").asText());
      JsonNode state = raw.get(i).path("partition").path("state");
      // v0.0.39 (Slurm 23.02) sends no partition state.
      assertThat(partition.state()).isEqualTo(state.isMissingNode() ? null : firstState(state));
      assertThat(partition.maxTime()).isNotNull();
      assertThat(partition.invalidFields()).isEmpty();
    }
  }

  @ParameterizedTest
  @MethodSource("pings")
  void pingNamesTheReleaseAndApiVersionOfItsFolder(Path file) throws Exception {
    String folder = file.getParent().getFileName().toString();
    String api = folder.substring(0, folder.indexOf('_'));
    String release = folder.substring(folder.indexOf("slurm-") + "slurm-".length());

    StatusDecoder.Ping ping;
    try (InputStream in = Files.newInputStream(file)) {
      ping = StatusDecoder.ping(in, file.toString());
    }

    assertThat(ping.meta().slurmVersion()).isEqualTo(release);
    assertThat(ping.meta().apiVersion()).isEqualTo(api);
    assertThat(ping.anyUp()).isTrue();
    assertThat(ping.meta().describe()).isEqualTo("Slurm " + release + ", API " + api);
  }

  @ParameterizedTest
  @MethodSource("singleJobs")
  void singleJobHasTheStateItsFileNames(Path file) throws Exception {
    String name = file.getFileName().toString();
    SlurmDocument document = decode(file);

    assertThat(document.jobs()).hasSize(1);
    Job job = document.jobs().get(0);
    String expected = name.matches(".*-job-(gpus-.*|running)\\.json") ? "RUNNING" : stateOf(name);
    assertThat(job.state().base()).isEqualTo(expected);
    if (job.state().isPending()) {
      // S07: a pending job's start is Slurm's estimate, and it has no hosts yet.
      assertThat(job.estimatedStart()).isNotNull();
      assertThat(job.hosts()).isEmpty();
    } else {
      assertThat(job.estimatedStart()).isNull();
      assertThat(job.hosts()).isEqualTo(Hostlist.expand(job.nodes()));
      assertThat(job.hosts()).isNotEmpty();
    }
    if (name.startsWith("slurm-job-gpus-")) {
      assertThat(job.gpus().count()).isPositive();
    } else {
      assertThat(job.gpus()).isEqualTo(Gpus.NONE);
    }
    assertThat(job.invalidFields()).isEmpty();
  }

  @ParameterizedTest
  @MethodSource("singleNodes")
  void singleNodeHasTheStateItsFileNames(Path file) throws Exception {
    String name = file.getFileName().toString();
    String folder = file.getParent().getFileName().toString();
    Node node = decode(file).nodes().get(0);

    String expected =
        switch (name) {
          case "slurm-node-allocated.json", "slurm-node-with-gpus-model-allocated.json" ->
              "ALLOCATED";
          case "slurm-node-down.json" -> "DOWN";
          case "slurm-node-drain.json" -> "IDLE+DRAIN";
          case "slurm-node-draining.json" -> "MIXED+DRAIN";
          case "slurm-node-mixed.json" -> "MIXED";
          case "slurm-node-planned.json" -> "IDLE+PLANNED";
          // Slurm 23.11 reports the node with one of six GPUs in use as ALLOCATED, 25.11 as MIXED.
          case "slurm-node-with-gpus-mixed.json" ->
              folder.startsWith("v0.0.40") ? "ALLOCATED" : "MIXED";
          default -> throw new AssertionError("no expectation for " + name);
        };
    assertThat(node.state().compound()).isEqualTo(expected);
    if (name.equals("slurm-node-down.json")) {
      assertThat(node.reason()).isEqualTo("CPU dead");
    }
    if (name.startsWith("slurm-node-drain")) {
      assertThat(node.reason()).isEqualTo("ECC memory error");
    }
    assertThat(node.invalidFields()).isEmpty();
  }

  @ParameterizedTest
  @MethodSource("unfound")
  void unknownJobOrNodeFailsWithSlurmsError(Path file) {
    String expected =
        file.getFileName().toString().contains("job")
            ? "Invalid job id specified"
            : "Failure to query node unexisting-node";

    assertThatThrownBy(() -> decode(file))
        .isInstanceOf(SlurmSourceException.class)
        .hasMessageContaining(expected);
  }

  @ParameterizedTest
  @MethodSource("notFoundTexts")
  void plainTextAnswerIsReportedAsNotJson(Path file) {
    assertThatThrownBy(() -> decode(file))
        .isInstanceOf(SlurmSourceException.class)
        .hasMessageContaining("not valid JSON");
  }

  @ParameterizedTest
  @MethodSource("statusMaps")
  void statusMapCoversEveryCaptureOfItsFolder(Path file) throws Exception {
    JsonNode statuses = tree(file);
    try (Stream<Path> list = Files.list(file.getParent())) {
      for (Path capture : list.toList()) {
        String name = capture.getFileName().toString();
        if (name.equals(file.getFileName().toString())) {
          continue;
        }
        String key = name.substring(0, name.lastIndexOf('.'));
        JsonNode entry = statuses.path(key);
        assertThat(entry.isObject()).as("status of %s", name).isTrue();
        String type = entry.path("content-type").asText();
        assertThat(type).isEqualTo(name.endsWith(".txt") ? "text/plain" : "application/json");
        int status = entry.path("status").asInt();
        if (name.contains("unfound") && name.contains("job")) {
          assertThat(status).isEqualTo(404);
        } else if (name.startsWith("slurm-jwt-")) {
          assertThat(status).isIn(401, 500, 511);
        } else if (name.endsWith("not-found.txt")) {
          assertThat(status).isEqualTo(404);
        } else {
          assertThat(status).as(name).isEqualTo(200);
        }
      }
    }
  }

  @Test
  void rejectedTokenAnswersNameTheAuthenticationFailure() {
    assertThatThrownBy(() -> decode(path("v0.0.44_slurm-25.11.0/slurm-jwt-invalid-token.json")))
        .hasMessageContaining("Protocol authentication error");
    assertThatThrownBy(() -> decode(path("v0.0.44_slurm-25.11.0/slurm-jwt-expired-token.json")))
        .hasMessageContaining("Protocol authentication error");
    assertThatThrownBy(() -> decode(path("v0.0.40_slurm-23.11.10/slurm-jwt-invalid-token.json")))
        .hasMessageContaining("Unable to connect to database");
    assertThatThrownBy(() -> decode(path("v0.0.40_slurm-23.11.10/slurm-jwt-missing-headers.txt")))
        .hasMessageContaining("not valid JSON");
    assertThatThrownBy(() -> decode(path("v0.0.44_slurm-25.11.0/slurm-jwt-invalid-headers.txt")))
        .hasMessageContaining("not valid JSON");
  }

  @Test
  void twoGpuTypesOnOneNodeWithTheirIndexes() throws Exception {
    // T06: gres_detail gpu:h100:1(IDX:0),gpu:h200:1(IDX:2), tres_per_node in colon syntax.
    for (String folder : List.of("v0.0.40_slurm-23.11.10", "v0.0.42_slurm-24.11.5")) {
      Job job = decode(path(folder + "/slurm-job-gpus-multi-types.json")).jobs().get(0);

      assertThat(job.gpus().count()).isEqualTo(2);
      assertThat(job.gpus().types()).containsExactly(Map.entry("h100", 1), Map.entry("h200", 1));
      assertThat(job.gpus().indexes()).containsExactly(0, 2);
    }
  }

  @Test
  void gpusOfAJobOnTwoNodesAddUp() throws Exception {
    Job multi = decode(path("v0.0.41_slurm-24.05.3/slurm-job-gpus-multi-nodes.json")).jobs().get(0);
    Job perNode = decode(path("v0.0.43_slurm-25.05.4/slurm-job-gpus-per-node.json")).jobs().get(0);

    assertThat(multi.gpus().count()).isEqualTo(8);
    assertThat(multi.gpus().types()).containsExactly(Map.entry("h100", 8));
    assertThat(multi.gpus().indexes()).containsExactly(0, 1, 2, 3);
    assertThat(multi.hosts()).containsExactly("gpu1", "gpu2");
    assertThat(perNode.gpus().count()).isEqualTo(2);
    assertThat(perNode.gpus().indexes()).containsExactly(0);
  }

  @Test
  void nodeGpusConfiguredAndInUse() throws Exception {
    Node mixed =
        decode(path("v0.0.40_slurm-23.11.10/slurm-node-with-gpus-mixed.json")).nodes().get(0);
    Node model =
        decode(path("v0.0.41_slurm-24.05.3/slurm-node-with-gpus-model-allocated.json"))
            .nodes()
            .get(0);
    Node untyped =
        decode(path("v0.0.44_slurm-25.11.0/slurm-node-with-gpus-mixed.json")).nodes().get(0);

    assertThat(mixed.gpusConfigured().count()).isEqualTo(6);
    assertThat(mixed.gpusConfigured().describe()).isEqualTo("h100:2,h200:4");
    assertThat(mixed.gpusAllocated().count()).isEqualTo(1);
    assertThat(mixed.gpusAllocated().indexes()).containsExactly(0);
    assertThat(model.gpusAllocated().indexes()).containsExactly(0, 1, 2, 3);
    assertThat(untyped.gpusConfigured().describe()).isEqualTo("4");
    assertThat(untyped.gpusAllocated().count()).isEqualTo(1);
  }

  @Test
  void pendingJobOfSlurm2302PlansItsNodes() throws Exception {
    Job job = decode(path("v0.0.39_slurm-23.02.8/slurm-job-pending.json")).jobs().get(0);

    assertThat(job.scheduledNodes()).isEqualTo("cn[052-067]");
    assertThat(job.estimatedStart()).isEqualTo(java.time.Instant.ofEpochSecond(1727362133));
  }

  @Test
  void exitCodesOfFinishedJobs() throws Exception {
    Job failed = decode(path("v0.0.40_slurm-23.11.10/slurm-job-failed.json")).jobs().get(0);
    Job completed = decode(path("v0.0.39_slurm-23.02.8/slurm-job-completed.json")).jobs().get(0);

    assertThat(failed.exitCode()).isNotNull();
    assertThat(failed.exitCode().isSuccess()).isFalse();
    assertThat(completed.exitCode().text()).isEqualTo("0:0");
    assertThat(completed.exitCode().isSuccess()).isTrue();
  }

  private static String stateOf(String name) {
    String state = name.replaceAll("^slurm(db)?-job-", "").replace(".json", "");
    return state.toUpperCase(java.util.Locale.ROOT);
  }

  private static String firstState(JsonNode state) {
    String text = state.isArray() ? state.get(0).asText() : state.asText();
    return text.toUpperCase(java.util.Locale.ROOT);
  }

  static Path path(String relative) throws URISyntaxException {
    return Path.of(Fixtures.class.getClassLoader().getResource("slurmrestd/" + relative).toURI());
  }

  static SlurmDocument decode(Path file) throws IOException, SlurmSourceException {
    try (InputStream in = Files.newInputStream(file)) {
      return SlurmJsonDecoder.decode(in, file.getFileName().toString());
    }
  }

  private static JsonNode tree(Path file) throws IOException {
    return JSON.readTree(file.toFile());
  }
}
