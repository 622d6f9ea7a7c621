package org.slurmscope.console.internal.view;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.slurmscope.api.console.Cell;
import org.slurmscope.api.console.Table;
import org.slurmscope.api.console.Tone;
import org.slurmscope.api.console.ViewContext;
import org.slurmscope.api.slurm.Job;
import org.slurmscope.api.slurm.JobState;
import org.slurmscope.api.slurm.Node;
import org.slurmscope.api.slurm.NodeState;
import org.slurmscope.api.slurm.Partition;
import org.slurmscope.api.slurm.SlurmSnapshot;
import org.slurmscope.api.slurm.TimeLimit;
import org.slurmscope.api.state.ClusterState;
import org.slurmscope.api.state.SourceStatus;

/** The partitions view on a cluster shaped like the project's Slurm 22.05 test cluster. */
class PartitionsViewTest {

  private static final Instant NOW = Instant.parse("2026-12-04T22:00:00Z");

  private static ClusterState state() {
    List<Node> nodes =
        List.of(
            node("node01", NodeState.of("ALLOCATED"), 8, 8, "debug", "batch"),
            node("node02", NodeState.of("MIXED"), 5, 8, "debug", "batch"),
            node("node03", NodeState.of("IDLE"), 0, 8, "debug", "batch"),
            node("node04", new NodeState("IDLE", List.of("DRAIN")), 0, 4, "batch", "gpu"),
            node("node05", NodeState.of("MIXED"), 2, 4, "batch", "gpu"),
            node("node06", new NodeState("DOWN", List.of("NOT_RESPONDING")), 0, 4, "batch", "gpu"));
    List<Job> jobs =
        List.of(
            job("6", "RUNNING", "batch", null),
            job("7", "RUNNING", "batch", null),
            job("10", "RUNNING", "gpu", null),
            job("8_[3-6%2]", "PENDING", "batch", "3-6%2"),
            job("11", "PENDING", "batch", null),
            job("12", "PENDING", "batch,debug", null),
            job("15", "PENDING", "gpu", null),
            job("1", "COMPLETED", "debug", null));
    List<Partition> partitions =
        List.of(
            new Partition("debug", true, "UP", "node[01-03]", 3, 24, TimeLimit.ofMinutes(60)),
            new Partition("batch", false, "UP", "node[01-06]", 6, 36, TimeLimit.ofMinutes(2880)),
            new Partition("gpu", false, "UP", "node[04-06]", 3, 12, TimeLimit.ofMinutes(1440)),
            new Partition("long", false, "DOWN", "node[01-03]", 3, 24, TimeLimit.UNLIMITED),
            new Partition(
                "broken", false, "UP", "", null, null, null, Set.of("totalCpus", "maxTime")));
    SlurmSnapshot slurm =
        new SlurmSnapshot("testbed", "22.05.8", "v0.0.38", NOW, jobs, nodes, partitions, List.of());
    SourceStatus ok = new SourceStatus("cli", SourceStatus.Health.OK, "", NOW, NOW);
    return new ClusterState(1, NOW, slurm, ok, null, ok);
  }

  private static Node node(
      String name, NodeState state, int allocated, int total, String... parts) {
    return Node.builder(name, state)
        .partitions(List.of(parts))
        .cpusAllocated(allocated)
        .cpusTotal(total)
        .build();
  }

  private static Job job(String id, String state, String partition, String tasks) {
    return Job.builder(id, JobState.of(state)).partition(partition).arrayTaskId(tasks).build();
  }

  private static Table table() {
    return new PartitionsView().table(state(), List.of(), new ViewContext("alice", false));
  }

  @Test
  void defaultPartitionCarriesSlurmsStar() {
    assertThat(cell("debug", "name").text()).isEqualTo("debug*");
    assertThat(cell("debug", "name").value()).isEqualTo("debug");
    assertThat(cell("batch", "name").text()).isEqualTo("batch");
  }

  @Test
  void idleCpusLeaveOutDrainedAndDownNodes() {
    // batch: node02 3 + node03 8 + node05 2 idle; node04 is drained, node06 down.
    assertThat(cell("batch", "cpus").text()).isEqualTo("13/36");
    assertThat(cell("batch", "cpus").value()).isEqualTo(Map.of("idle", 13, "total", 36));
    assertThat(cell("gpu", "cpus").text()).isEqualTo("2/12");
    assertThat(cell("debug", "cpus").text()).isEqualTo("11/24");
  }

  @Test
  void runningAndPendingJobsCountArrayTasksAndEveryPartition() {
    // batch: 6 and 7 run; the array rest has 4 tasks, 11 and 12 one each.
    assertThat(cell("batch", "jobs").text()).isEqualTo("2/6");
    assertThat(cell("debug", "jobs").text()).isEqualTo("0/1");
    assertThat(cell("debug", "jobs").tone()).isEqualTo(Tone.WARNING);
    assertThat(cell("gpu", "jobs").value()).isEqualTo(Map.of("running", 1L, "pending", 1L));
  }

  @Test
  void stateLimitAndNodes() {
    assertThat(cell("long", "state").text()).isEqualTo("DOWN");
    assertThat(cell("long", "state").tone()).isEqualTo(Tone.CRITICAL);
    assertThat(cell("batch", "state").tone()).isEqualTo(Tone.GOOD);
    assertThat(cell("batch", "time_limit").text()).isEqualTo("2-00:00:00");
    assertThat(cell("long", "time_limit").text()).isEqualTo("UNLIMITED");
    assertThat(cell("gpu", "nodes").text()).isEqualTo("3");
    assertThat(cell("gpu", "node_list").text()).isEqualTo("node[04-06]");
  }

  @Test
  void undecodableFieldsShowAsQuestionMarks() {
    assertThat(cell("broken", "cpus")).isEqualTo(Cell.INVALID);
    assertThat(cell("broken", "time_limit")).isEqualTo(Cell.INVALID);
    assertThat(cell("broken", "nodes").text()).isEmpty();
  }

  @Test
  void viewIsFoundByItsNameAndAliases() {
    PartitionsView view = new PartitionsView();

    assertThat(view.name()).isEqualTo("partitions");
    assertThat(view.aliases()).containsExactly("part", "pa");
    assertThat(view.order()).isEqualTo(30);
    assertThat(table().rows())
        .extracting(Table.Row::key)
        .containsExactly("debug", "batch", "gpu", "long", "broken");
  }

  @Test
  void emptyPartitionListSaysSo() {
    ClusterState state = state();
    SlurmSnapshot slurm = state.slurm();
    SlurmSnapshot none =
        new SlurmSnapshot(
            slurm.cluster(),
            slurm.slurmVersion(),
            slurm.apiVersion(),
            NOW,
            slurm.jobs(),
            slurm.nodes(),
            List.of(),
            List.of());
    ClusterState empty =
        new ClusterState(2, NOW, none, state.slurmStatus(), null, state.metricStatus());

    Table table = new PartitionsView().table(empty, List.of(), new ViewContext("alice", true));

    assertThat(table.rows()).isEmpty();
    assertThat(table.message()).isEqualTo("SLURM reported no partitions");
  }

  @Test
  void arrayTaskRangesWithStepsAndLists() {
    assertThat(PartitionsView.pendingTasks(job("9_[1-10]", "PENDING", "batch", "1-10")))
        .isEqualTo(10);
    assertThat(PartitionsView.pendingTasks(job("9_[1-9:2]", "PENDING", "batch", "1-9:2")))
        .isEqualTo(5);
    assertThat(PartitionsView.pendingTasks(job("9_[1,3,5-7]", "PENDING", "batch", "1,3,5-7")))
        .isEqualTo(5);
    assertThat(PartitionsView.pendingTasks(job("9", "PENDING", "batch", null))).isEqualTo(1);
  }

  private static Cell cell(String rowKey, String columnKey) {
    Table table = table();
    int column = -1;
    for (int i = 0; i < table.columns().size(); i++) {
      if (table.columns().get(i).key().equals(columnKey)) {
        column = i;
      }
    }
    for (Table.Row row : table.rows()) {
      if (row.key().equals(rowKey)) {
        return row.cells().get(column);
      }
    }
    throw new AssertionError("no row " + rowKey);
  }
}
