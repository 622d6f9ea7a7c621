package org.slurmscope.console.internal.view;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.slurmscope.api.console.Cell;
import org.slurmscope.api.console.Table;
import org.slurmscope.api.console.Tone;
import org.slurmscope.api.console.ViewContext;
import org.slurmscope.console.internal.support.TestStates;

class ViewsTest {

  @Test
  void nodeStateShownInCompoundForm() {
    Table table =
        new NodesView().table(TestStates.state(), List.of(), new ViewContext("root", true));

    assertThat(cell(table, "node04", "state").text()).isEqualTo("IDLE+DRAIN");
    assertThat(cell(table, "node04", "state").tone()).isEqualTo(Tone.WARNING);
    assertThat(cell(table, "node06", "state").text()).isEqualTo("DOWN+NOT_RESPONDING");
    assertThat(cell(table, "node06", "state").tone()).isEqualTo(Tone.CRITICAL);
  }

  @Test
  void nodeAllocationShownAsPairs() {
    Table table =
        new NodesView().table(TestStates.state(), List.of(), new ViewContext("root", true));

    assertThat(cell(table, "node01", "cpus").text()).isEqualTo("8/8");
    assertThat(cell(table, "node01", "cpus").value()).isEqualTo(Map.of("allocated", 8, "total", 8));
    assertThat(cell(table, "node01", "memory").text()).isEqualTo("4.0G/15.6G");
    assertThat(cell(table, "node01", "partitions").text()).isEqualTo("debug,batch");
  }

  @Test
  void undecodableNodeFieldShownAsQuestionMark() {
    Table table =
        new NodesView().table(TestStates.state(), List.of(), new ViewContext("root", true));

    assertThat(cell(table, "node06", "memory")).isEqualTo(Cell.INVALID);
    assertThat(cell(table, "node06", "load")).isEqualTo(Cell.NOT_AVAILABLE);
  }

  @Test
  void jobsViewShowsOwnJobsByDefault() {
    Table mine = new JobsView().table(TestStates.state(), List.of(), new ViewContext("bob", false));
    Table all = new JobsView().table(TestStates.state(), List.of(), new ViewContext("bob", true));

    assertThat(mine.rows()).extracting(Table.Row::key).containsExactly("8_[3-6%2]");
    assertThat(all.rows()).extracting(Table.Row::key).containsExactly("6", "8_[3-6%2]");
  }

  @Test
  void userWithoutJobsIsToldHowToSeeAll() {
    Table table =
        new JobsView().table(TestStates.state(), List.of(), new ViewContext("root", false));

    assertThat(table.rows()).isEmpty();
    assertThat(table.message()).contains("No jobs of root").contains("press a");
  }

  @Test
  void runningJobShowsElapsedAndLimit() {
    Table table = new JobsView().table(TestStates.state(), List.of(), new ViewContext("x", true));

    // Elapsed runs up to the snapshot's time, 3 s before NOW.
    assertThat(cell(table, "6", "elapsed").text()).isEqualTo("1:02:00");
    assertThat(cell(table, "6", "time_limit").text()).isEqualTo("1:00:00");
    assertThat(cell(table, "6", "memory").text()).isEqualTo("4.0G/node");
  }

  @Test
  void pendingJobHasNoElapsedAndUnlimitedLimit() {
    Table table = new JobsView().table(TestStates.state(), List.of(), new ViewContext("x", true));

    assertThat(cell(table, "8_[3-6%2]", "elapsed").text()).isEmpty();
    assertThat(cell(table, "8_[3-6%2]", "time_limit").text()).isEqualTo("UNLIMITED");
    assertThat(cell(table, "8_[3-6%2]", "time_limit").value()).isEqualTo("UNLIMITED");
    assertThat(cell(table, "8_[3-6%2]", "memory").text()).isEqualTo("512M/cpu");
  }

  private static Cell cell(Table table, String rowKey, String columnKey) {
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
