package org.slurmscope.slurm.cli.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.slurmscope.slurm.cli.internal.TestConfigurations.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slurmscope.api.slurm.Job;
import org.slurmscope.api.slurm.Node;
import org.slurmscope.api.slurm.NodeState;
import org.slurmscope.api.slurm.Partition;
import org.slurmscope.api.slurm.SlurmSnapshot;
import org.slurmscope.api.slurm.SlurmSourceException;

/**
 * The fetcher against fake squeue, sinfo and scontrol scripts that print the recorded outputs of
 * Slurm 22.05 (whose scontrol has no --json) and 24.11, and log how they were called.
 */
class CliSnapshotFetcherTest {

  private static final Instant NOW = Instant.parse("2026-12-04T20:10:00Z");

  /** What scontrol of Slurm 22.05 prints on standard error for --json, in either position. */
  private static final String SCONTROL_2205_NO_JSON =
      "echo \"scontrol: unrecognized option '--json'\" >&2\n"
          + "echo 'Try \"scontrol --help\" for more information' >&2\n"
          + "exit 1";

  /** scontrol of Slurm 22.05: no --json, but its one-line text. */
  private static final String SCONTROL_2205 =
      "case \"$*\" in\n"
          + "  *--json*) "
          + SCONTROL_2205_NO_JSON.replace("\n", "; ")
          + " ;;\n"
          + "  '-o show partitions') "
          + print("testbed-22.05/scontrol-o-show-partitions.txt")
          + " ;;\n"
          + "  '-o -d show nodes') "
          + print("testbed-22.05/scontrol-o-d-show-nodes.txt")
          + " ;;\n"
          + "  *) echo \"unexpected arguments: $*\" >&2; exit 2 ;;\n"
          + "esac";

  @TempDir Path folder;

  private ExecutorService io;
  private final List<String> logged = new ArrayList<>();
  private Path squeueLog;
  private Path sinfoLog;
  private Path scontrolLog;

  @BeforeEach
  void setUp() {
    io = Executors.newCachedThreadPool();
    squeueLog = folder.resolve("squeue.log");
    sinfoLog = folder.resolve("sinfo.log");
    scontrolLog = folder.resolve("scontrol.log");
  }

  @AfterEach
  void tearDown() {
    io.shutdownNow();
  }

  /** Writes a fake command that logs its arguments, then runs {@code body}. */
  private Path fake(String name, Path log, String body) throws IOException {
    return Scripts.write(folder, name, Scripts.logArguments(log) + "\n" + body);
  }

  private static String print(String resource) {
    return "cat '" + Scripts.resource(resource) + "'";
  }

  private CliSnapshotFetcher fetcher(Path squeue, Path sinfo, Path scontrol, String nodesCommand) {
    CliSettings settings =
        CliSettings.validate(
            cli(
                Map.of(
                    "squeueCommand", squeue.toString(),
                    "sinfoCommand", sinfo.toString(),
                    "scontrolCommand", scontrol.toString(),
                    "timeoutSeconds", 20,
                    "nodesCommand", nodesCommand)));
    CommandRunner runner =
        new CommandRunner(
            io, ConcurrentHashMap.newKeySet(), settings.timeout(), settings.slurmConf());
    return new CliSnapshotFetcher(settings, runner, logged::add, Clock.fixed(NOW, ZoneOffset.UTC));
  }

  private CliSnapshotFetcher slurm2205(String nodesCommand) throws IOException {
    return fetcher(
        fake("squeue", squeueLog, print("testbed-22.05/squeue.json")),
        fake("sinfo", sinfoLog, print("testbed-22.05/sinfo.json")),
        fake("scontrol", scontrolLog, SCONTROL_2205),
        nodesCommand);
  }

  /**
   * Returns a fetcher for Slurm 24.11. No capture of 24.11's sinfo -N --json exists, so the fake
   * sinfo prints the sinfo --json capture for both. Each of its rows contains one node.
   */
  private CliSnapshotFetcher slurm2411(String nodesCommand, String scontrolPartitions)
      throws IOException {
    String scontrol =
        "case \"$*\" in\n"
            + "  'show nodes --json') "
            + print("testbed-24.11/scontrol-show-nodes.json")
            + " ;;\n"
            + "  'show partitions --json') "
            + scontrolPartitions
            + " ;;\n"
            + "  *) echo \"unexpected arguments: $*\" >&2; exit 2 ;;\n"
            + "esac";
    String sinfo =
        "case \"$*\" in\n"
            + "  '--noheader --format=%P') printf 'debug*\\nbatch\\ngpu\\nlong\\n' ;;\n"
            + "  *) "
            + print("testbed-24.11/sinfo.json")
            + " ;;\n"
            + "esac";
    return fetcher(
        fake("squeue", squeueLog, print("testbed-24.11/squeue.json")),
        fake("sinfo", sinfoLog, sinfo),
        fake("scontrol", scontrolLog, scontrol),
        nodesCommand);
  }

  @Test
  void autoFallsBackToSinfoOnSlurm2205() throws Exception {
    SlurmSnapshot snapshot = slurm2205("auto").fetch();

    assertThat(snapshot.jobs()).hasSize(20);
    assertThat(snapshot.nodes()).extracting(Node::name).hasSize(6).contains("node04", "node06");
    assertThat(snapshot.partitions())
        .extracting(Partition::name)
        .containsExactly("debug", "batch", "gpu", "long");
    assertThat(snapshot.partitions().get(0).isDefault()).isTrue();
    assertThat(snapshot.cluster()).isEqualTo("testbed");
    assertThat(snapshot.slurmVersion()).isEqualTo("22.05.8");
    assertThat(snapshot.apiVersion()).isEqualTo("v0.0.38");
    assertThat(snapshot.fetchedAt()).isEqualTo(NOW);
    assertThat(snapshot.warnings()).isEmpty();
    assertThat(Scripts.calls(scontrolLog))
        .containsExactly("show nodes --json", "-o show partitions");
    assertThat(Scripts.calls(sinfoLog)).containsExactly("--json");
    assertThat(Scripts.calls(squeueLog)).containsExactly("--states=all --json");
  }

  @Test
  void autoRemembersFallbackAndLogsOnce() throws Exception {
    CliSnapshotFetcher fetcher = slurm2205("auto");

    fetcher.fetch();
    SlurmSnapshot second = fetcher.fetch();

    assertThat(second.nodes()).hasSize(6);
    assertThat(Scripts.calls(scontrolLog))
        .containsExactly("show nodes --json", "-o show partitions", "-o show partitions");
    assertThat(Scripts.calls(sinfoLog)).containsExactly("--json", "--json");
    assertThat(logged).hasSize(1);
    assertThat(logged.get(0))
        .contains("has no --json option (Slurm 22.05 and older)")
        .contains("sinfo --json from now on");
  }

  @Test
  void sinfoFallbackKeepsDrainedAndDownNodes() throws Exception {
    SlurmSnapshot snapshot = slurm2205("auto").fetch();

    Node drained = node(snapshot, "node04");
    Node down = node(snapshot, "node06");
    assertThat(drained.state()).isEqualTo(new NodeState("IDLE", List.of("DRAIN")));
    assertThat(down.state()).isEqualTo(new NodeState("DOWN", List.of("NOT_RESPONDING")));
    assertThat(down.memoryFreeMb()).isNull();
  }

  @Test
  void explicitScontrolOnSlurm2205NamesTheFix() throws IOException {
    CliSnapshotFetcher fetcher = slurm2205("scontrol");

    assertThatThrownBy(fetcher::fetch)
        .isInstanceOf(SlurmSourceException.class)
        .hasMessageContaining("show nodes --json failed with exit code 1")
        .hasMessageContaining("scontrol: unrecognized option '--json'")
        .hasMessageContaining("set nodesCommand=auto or nodesCommand=sinfo")
        .hasMessageContaining("org.slurmscope.slurm.cli");
    assertThat(Scripts.calls(sinfoLog)).isEmpty();
  }

  @Test
  void explicitSinfoSkipsScontrolForNodes() throws Exception {
    SlurmSnapshot snapshot = slurm2205("sinfo").fetch();

    assertThat(snapshot.nodes()).hasSize(6);
    // Partitions still try scontrol's --json once, which shows that it has none.
    assertThat(Scripts.calls(scontrolLog))
        .containsExactly("show partitions --json", "-o show partitions");
    assertThat(logged).singleElement().asString().contains("-o show partitions from now on");
    assertThat(snapshot.partitions()).hasSize(4);
  }

  @Test
  void autoUsesScontrolOnSlurm2411() throws Exception {
    CliSnapshotFetcher fetcher =
        slurm2411("auto", print("testbed-24.11/scontrol-show-partitions.json"));

    SlurmSnapshot snapshot = fetcher.fetch();

    assertThat(snapshot.jobs()).hasSize(11);
    assertThat(snapshot.nodes())
        .extracting(node -> node.state().compound())
        .containsExactly(
            "ALLOCATED", "MIXED", "IDLE", "IDLE+DRAIN", "MIXED", "DOWN+NOT_RESPONDING");
    assertThat(snapshot.partitions())
        .extracting(Partition::name)
        .containsExactly("debug", "batch", "gpu", "long");
    assertThat(snapshot.cluster()).isEqualTo("modern");
    assertThat(snapshot.slurmVersion()).isEqualTo("24.11.5");
    assertThat(snapshot.apiVersion()).isEqualTo("v0.0.42");
    assertThat(snapshot.warnings())
        .singleElement()
        .asString()
        .contains("Slurm accounting storage is disabled");
    assertThat(Scripts.calls(scontrolLog))
        .containsExactly("show nodes --json", "show partitions --json");
    assertThat(Scripts.calls(sinfoLog)).containsExactly("--noheader --format=%P");
    assertThat(snapshot.partitions().get(0).isDefault()).isTrue();
    assertThat(snapshot.partitions().get(1).isDefault()).isFalse();
    assertThat(logged)
        .containsExactly("Nodes come from " + folder.resolve("scontrol") + " show nodes --json");
  }

  @Test
  void job8PendingRemainderIsListedOnSlurm2411() throws Exception {
    SlurmSnapshot snapshot =
        slurm2411("auto", print("testbed-24.11/scontrol-show-partitions.json")).fetch();

    assertThat(snapshot.jobs()).extracting(Job::id).contains("8_[3-6%2]", "8_1", "8_2", "6");
  }

  @Test
  void sinfoOnSlurm2411SwitchesToNodeRows() throws Exception {
    CliSnapshotFetcher fetcher =
        slurm2411("sinfo", print("testbed-24.11/scontrol-show-partitions.json"));

    SlurmSnapshot first = fetcher.fetch();
    SlurmSnapshot second = fetcher.fetch();

    assertThat(first.nodes()).hasSize(6);
    assertThat(node(first, "cn02").partitions()).containsExactly("debug", "batch", "long");
    assertThat(second.nodes()).hasSize(6);
    assertThat(Scripts.calls(sinfoLog))
        .containsExactly("--json", "-N --json", "--noheader --format=%P", "-N --json");
    assertThat(logged).singleElement().asString().contains("sinfo -N --json from now on");
  }

  @Test
  void partitionFailureOnlyAddsWarning() throws Exception {
    String failing =
        "echo 'slurm_load_partitions error: Unable to contact slurm controller' >&2; exit 1";

    SlurmSnapshot snapshot = slurm2411("auto", failing).fetch();

    assertThat(snapshot.jobs()).hasSize(11);
    assertThat(snapshot.nodes()).hasSize(6);
    assertThat(snapshot.partitions()).isEmpty();
    assertThat(snapshot.warnings())
        .singleElement()
        .asString()
        .startsWith("Partitions are not shown: ")
        .contains("show partitions --json failed with exit code 1")
        .contains("Unable to contact slurm controller");
  }

  @Test
  void squeueFailureFailsTheFetch() throws IOException {
    CliSnapshotFetcher fetcher =
        fetcher(
            fake(
                "squeue",
                squeueLog,
                "echo 'squeue: error: Invalid user for SlurmUser root, ignored' >&2; exit 1"),
            fake("sinfo", sinfoLog, print("testbed-22.05/sinfo.json")),
            fake("scontrol", scontrolLog, SCONTROL_2205_NO_JSON),
            "auto");

    assertThatThrownBy(fetcher::fetch)
        .isInstanceOf(SlurmSourceException.class)
        .hasMessageContaining("squeue --states=all --json failed with exit code 1")
        .hasMessageContaining("Invalid user for SlurmUser root");
    assertThat(Scripts.calls(scontrolLog)).isEmpty();
  }

  @Test
  void defaultPartitionIsLearntOnceForTenMinutes() throws Exception {
    CliSnapshotFetcher fetcher =
        slurm2411("auto", print("testbed-24.11/scontrol-show-partitions.json"));

    fetcher.fetch();
    SlurmSnapshot second = fetcher.fetch();

    assertThat(second.partitions().get(0).isDefault()).isTrue();
    assertThat(Scripts.calls(sinfoLog)).containsExactly("--noheader --format=%P");
  }

  @Test
  void commandsWithoutJsonFallBackToTheirText() throws Exception {
    String noJson = "echo \"$0: unrecognized option '--json'\" >&2; exit 1";
    String squeue =
        "case \"$*\" in *--json*) "
            + noJson
            + " ;; *) "
            + print("testbed-22.05/squeue-h-t-all-O.txt")
            + " ;; esac";
    CliSnapshotFetcher fetcher =
        fetcher(
            fake("squeue", squeueLog, squeue),
            fake("sinfo", sinfoLog, noJson),
            fake("scontrol", scontrolLog, SCONTROL_2205),
            "auto");

    SlurmSnapshot first = fetcher.fetch();
    SlurmSnapshot second = fetcher.fetch();

    assertThat(first.jobs()).hasSize(19);
    assertThat(first.jobs()).extracting(Job::id).contains("8_[3-6%2]", "8_1", "4_3");
    assertThat(first.nodes()).hasSize(6);
    assertThat(node(first, "node05").gpusAllocated().indexes()).containsExactly(0);
    assertThat(first.partitions()).hasSize(4);
    assertThat(second.jobs()).hasSize(19);
    assertThat(Scripts.calls(squeueLog)).hasSize(3);
    assertThat(Scripts.calls(squeueLog).get(2))
        .startsWith("--noheader --states=all --Format=JobID:|");
    assertThat(Scripts.calls(sinfoLog)).containsExactly("--json");
    assertThat(logged).hasSize(3);
    assertThat(logged.get(0)).contains("jobs come from").contains("--noheader --states=all");
  }

  private static Node node(SlurmSnapshot snapshot, String name) {
    return snapshot.nodes().stream()
        .filter(node -> node.name().equals(name))
        .findFirst()
        .orElseThrow(() -> new AssertionError("node " + name + " missing"));
  }
}
