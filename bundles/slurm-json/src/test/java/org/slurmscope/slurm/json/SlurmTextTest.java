package org.slurmscope.slurm.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.slurmscope.api.slurm.Gpus;
import org.slurmscope.api.slurm.NodeState;
import org.slurmscope.api.slurm.TimeLimit;

/** Values as Slurm's text tools print them. */
class SlurmTextTest {

  @Test
  void timeLimitsInEveryTextForm() {
    assertThat(SlurmText.timeLimit("365-00:00:00")).isEqualTo(TimeLimit.ofMinutes(365 * 1440));
    assertThat(SlurmText.timeLimit("1-00:00:00")).isEqualTo(TimeLimit.ofMinutes(1440));
    assertThat(SlurmText.timeLimit("12:00:00")).isEqualTo(TimeLimit.ofMinutes(720));
    assertThat(SlurmText.timeLimit("4:00")).isEqualTo(TimeLimit.ofMinutes(4));
    assertThat(SlurmText.timeLimit("2-12")).isEqualTo(TimeLimit.ofMinutes(2 * 1440 + 720));
    assertThat(SlurmText.timeLimit("30")).isEqualTo(TimeLimit.ofMinutes(30));
    assertThat(SlurmText.timeLimit("00:00:30")).isEqualTo(TimeLimit.ofMinutes(1));
  }

  @Test
  void unlimitedNotSetAndUnknownStayDistinct() {
    // T01: none of them may turn into 0 minutes.
    assertThat(SlurmText.timeLimit("UNLIMITED")).isEqualTo(TimeLimit.UNLIMITED);
    assertThat(SlurmText.timeLimit("NOT_SET")).isEqualTo(TimeLimit.NOT_SET);
    assertThat(SlurmText.timeLimit("NONE")).isEqualTo(TimeLimit.NOT_SET);
    assertThat(SlurmText.timeLimit("Unknown")).isEqualTo(TimeLimit.UNKNOWN);
    assertThatThrownBy(() -> SlurmText.timeLimit("soon"))
        .hasMessageContaining("time limit \"soon\" is not");
  }

  @Test
  void memorySizesInPowersOf1024() {
    // T07: bare numbers are MiB; fractions are allowed.
    assertThat(SlurmText.mebibytes("0")).isZero();
    assertThat(SlurmText.mebibytes("257728M")).isEqualTo(257728);
    assertThat(SlurmText.mebibytes("62.50G")).isEqualTo(64000);
    assertThat(SlurmText.mebibytes("1T")).isEqualTo(1048576);
    assertThat(SlurmText.mebibytes("6.50G")).isEqualTo(6656);
    assertThat(SlurmText.mebibytes("N/A")).isNull();
    assertThatThrownBy(() -> SlurmText.mebibytes("12Q")).hasMessageContaining("unknown unit Q");
  }

  @Test
  void recordValuesMayContainBlanks() {
    Map<String, String> fields =
        SlurmText.record(
            "NodeName=c1 OS=Linux 6.1 #1 SMP  RealMemory=15867 Reason=planned_maintenance"
                + " [root@2026-07-22T23:31:17] ReservationName=maintenance-2026");

    assertThat(fields)
        .containsEntry("NodeName", "c1")
        .containsEntry("OS", "Linux 6.1 #1 SMP")
        .containsEntry("RealMemory", "15867")
        .containsEntry("Reason", "planned_maintenance [root@2026-07-22T23:31:17]")
        .containsEntry("ReservationName", "maintenance-2026");
  }

  @Test
  void sinfoStateSuffixesBecomeFlags() {
    // N06, N08: the suffix is a flag, not part of the state's name.
    assertThat(NodeStateText.parse("idle*"))
        .isEqualTo(new NodeState("IDLE", List.of("NOT_RESPONDING")));
    assertThat(NodeStateText.parse("idle*").summary()).isEqualTo("IDLE");
    assertThat(NodeStateText.parse("mixed-")).isEqualTo(new NodeState("MIXED", List.of("PLANNED")));
    assertThat(NodeStateText.parse("mix-").compound()).isEqualTo("MIXED+PLANNED");
    assertThat(NodeStateText.parse("drained*").compound()).isEqualTo("IDLE+DRAIN+NOT_RESPONDING");
    assertThat(NodeStateText.parse("idle~").compound()).isEqualTo("IDLE+POWERED_DOWN");
    assertThat(NodeStateText.parse("alloc#").compound()).isEqualTo("ALLOCATED+POWERING_UP");
    assertThat(NodeStateText.parse("idle%").compound()).isEqualTo("IDLE+POWERING_DOWN");
    assertThat(NodeStateText.parse("idle!").compound()).isEqualTo("IDLE+POWER_DOWN");
    assertThat(NodeStateText.parse("mix$").compound()).isEqualTo("MIXED+MAINTENANCE");
    assertThat(NodeStateText.parse("idle@").compound()).isEqualTo("IDLE+REBOOT_REQUESTED");
    assertThat(NodeStateText.parse("mix^").compound()).isEqualTo("MIXED+REBOOT_ISSUED");
    assertThat(NodeStateText.parse("draining").summary()).isEqualTo("DRAINING");
    assertThat(NodeStateText.parse("down*").summary()).isEqualTo("DOWN");
  }

  @Test
  void scontrolCompoundStatesKeepEveryFlag() {
    assertThat(NodeStateText.parse("DOWN*+DRAIN").compound())
        .isEqualTo("DOWN+NOT_RESPONDING+DRAIN");
    assertThat(NodeStateText.parse("MIXED+DRAIN+DYNAMIC_NORM+MAINTENANCE+RESERVED").summary())
        .isEqualTo("DRAINING");
    // S16: a state this release does not know is kept as sent.
    assertThat(NodeStateText.parse("EXPEDITING").compound()).isEqualTo("EXPEDITING");
  }

  @Test
  void suffixedStatesOfTheGresSnapshot() throws IOException {
    // sinfo --Format=Nodes,StateLong,Gres,GresUsed: count, state, GRES, GRES in use.
    List<String[]> rows = rows("slurm-cli-text/sinfo-Format_gres-snapshot_state-suffixes.txt");
    List<String> states = rows.stream().map(row -> NodeStateText.parse(row[1]).compound()).toList();

    assertThat(states)
        .containsExactly(
            "MIXED+PLANNED",
            "IDLE+DRAIN+NOT_RESPONDING",
            "MIXED",
            "ALLOCATED",
            "INVAL",
            "IDLE+DRAIN",
            "IDLE+RESERVED",
            "MIXED",
            "MIXED",
            "ALLOCATED",
            "IDLE",
            "IDLE");
    assertThat(GpuText.gres(rows.get(7)[2]).count()).isEqualTo(4);
    assertThat(GpuText.gres(rows.get(8)[3]).indexes()).containsExactly(0, 1, 2);
    assertThat(GpuText.gres(rows.get(10)[3])).isEqualTo(Gpus.NONE);
    assertThat(GpuText.gres(rows.get(0)[2])).isEqualTo(Gpus.NONE);
  }

  @Test
  void everyNodeOfAProductionClusterFallsInOneSummaryBucket() throws IOException {
    // N06, N11: sinfo -h -o NodeList,StateLong of 709 nodes; down* and drained* are not available
    // and every node is counted once.
    List<NodeState> states =
        lines("slurm-cli-text/sinfo-h-o-NodeList,StateLong_gsi-2017.txt").stream()
            .filter(line -> !line.isBlank())
            .map(line -> NodeStateText.parse(line.split(",")[1]))
            .toList();
    Map<String, Long> buckets =
        states.stream()
            .collect(
                java.util.stream.Collectors.groupingBy(
                    NodeState::summary,
                    java.util.TreeMap::new,
                    java.util.stream.Collectors.counting()));

    assertThat(states).hasSize(709);
    assertThat(buckets)
        .containsExactly(
            Map.entry("ALLOCATED", 250L),
            Map.entry("DOWN", 67L),
            Map.entry("DRAINED", 18L),
            Map.entry("DRAINING", 10L),
            Map.entry("FAIL", 1L),
            Map.entry("IDLE", 319L),
            Map.entry("MIXED", 44L));
    assertThat(states.stream().filter(state -> state.hasFlag("NOT_RESPONDING")).count())
        .isEqualTo(78);
  }

  @Test
  void typedGpuTresCountsOnceNotTwice() {
    // T03: the untyped total and the typed entry describe the same GPUs.
    Gpus gpus = GpuText.tres("cpu=8,mem=32G,node=1,gres/gpu=4,gres/gpu:a100=4");

    assertThat(gpus.count()).isEqualTo(4);
    assertThat(gpus.types()).containsExactly(Map.entry("a100", 4));
    assertThat(GpuText.tres("cpu=8,mem=32G,node=1,gres/gpu:a100=2").count()).isEqualTo(2);
    assertThat(GpuText.tres("gres/gpu:h100:1,gres/gpu:h200:1").describe())
        .isEqualTo("h100:1,h200:1");
    assertThat(GpuText.tres("gres:gpu:2").count()).isEqualTo(2);
    assertThat(GpuText.tres("cpu=16,mem=64G,node=2,billing=16").any()).isFalse();
  }

  @Test
  void gpusOfEveryJobInTheTypedTresListing() throws IOException {
    // squeue -o JobID|Account|State|NumNodes|NumCPUs|tres-alloc, padded columns.
    List<Integer> counts = new ArrayList<>();
    for (String line : lines("slurm-cli-text/squeue-pipe_tres-alloc_typed-gpu.txt")) {
      if (!line.isBlank()) {
        String[] columns = line.split("\\|");
        counts.add(GpuText.tres(columns[5].strip()).count());
      }
    }

    assertThat(counts).containsExactly(32, 2, 4, 4, 0, 4, 8, 1, 8, 2, 16, 2, 0);
  }

  @Test
  void gresWithIndexesInsideParentheses() {
    Gpus gpus = GpuText.gres("gpu:a100:2(IDX:0,2),gpu:v100:1(IDX:5)");

    assertThat(gpus.count()).isEqualTo(3);
    assertThat(gpus.indexes()).containsExactly(0, 2, 5);
    assertThatThrownBy(() -> GpuText.gres("gpu:a100:x")).hasMessageContaining("is not a number");
  }

  @Test
  void exporterFallbackLinesKeepEveryGoodField() throws IOException {
    // C04: a value that cannot be read marks that field unknown; the rest of the line is kept.
    Pattern field = Pattern.compile("\"(\\w+)\":\\s*(\"[^\"]*\"|[^,}]+)");
    List<Map<String, String>> jobs = new ArrayList<>();
    for (String line : lines("slurm-cli-json/squeue-fallback-lines_rivos-exporter-format.txt")) {
      if (line.startsWith("{")) {
        Map<String, String> values = new java.util.LinkedHashMap<>();
        Matcher m = field.matcher(line);
        while (m.find()) {
          values.put(m.group(1), m.group(2).replace("\"", "").strip());
        }
        jobs.add(values);
      }
    }
    Map<String, String> bad = jobs.get(jobs.size() - 1);

    assertThat(jobs).hasSize(8);
    assertThat(SlurmText.mebibytes(jobs.get(1).get("mem"))).isEqualTo(64000);
    assertThat(SlurmText.time(jobs.get(0).get("end_time"), ZoneOffset.UTC))
        .isEqualTo(Instant.parse("2023-09-21T00:21:42Z"));
    assertThat(SlurmText.time(jobs.get(2).get("end_time"), ZoneOffset.UTC)).isNull();
    assertThat(SlurmText.time(jobs.get(5).get("end_time"), ZoneOffset.UTC)).isNull();
    assertThatThrownBy(() -> SlurmText.count(bad.get("cpu"))).hasMessageContaining("\"xx\"");
    assertThat(SlurmText.mebibytes(bad.get("mem"))).isEqualTo(118 * 1024);
  }

  @Test
  void exporterFallbackNodeLinesWithUnreadableLoad() throws IOException {
    List<String> lines =
        lines("slurm-cli-json/sinfo-fallback-lines_rivos-exporter-format.txt").stream()
            .filter(line -> line.startsWith("{"))
            .toList();
    String first = lines.get(0);

    assertThat(lines).hasSize(8);
    assertThat(NodeStateText.parse(value(first, "s")).compound()).isEqualTo("IDLE+COMPLETING");
    assertThat(SlurmText.mebibytes(value(first, "fmem"))).isNull();
    assertThat(SlurmText.mebibytes(value(lines.get(1), "fmem"))).isEqualTo(89124);
  }

  private static String value(String line, String key) {
    Matcher m = Pattern.compile("\"" + key + "\":\\s*\"?([^\",}]*)").matcher(line);
    return m.find() ? m.group(1) : null;
  }

  static List<String> lines(String resource) throws IOException {
    try (InputStream in = Fixtures.open(resource)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
    }
  }

  private static List<String[]> rows(String resource) throws IOException {
    return lines(resource).stream()
        .filter(line -> !line.isBlank())
        .map(line -> line.strip().split("\\s+"))
        .toList();
  }
}
