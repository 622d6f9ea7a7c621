package org.slurmscope.console.internal.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.googlecode.lanterna.TerminalPosition;
import com.googlecode.lanterna.TerminalSize;
import com.googlecode.lanterna.input.KeyStroke;
import com.googlecode.lanterna.screen.TerminalScreen;
import com.googlecode.lanterna.terminal.virtual.DefaultVirtualTerminal;
import java.io.IOException;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slurmscope.api.console.Alignment;
import org.slurmscope.api.console.Cell;
import org.slurmscope.api.console.Column;
import org.slurmscope.api.console.ColumnOverlay;
import org.slurmscope.api.console.ConsoleView;
import org.slurmscope.api.metrics.NodeMetrics;
import org.slurmscope.api.slurm.Node;
import org.slurmscope.console.internal.support.TestStates;
import org.slurmscope.console.internal.view.JobsView;
import org.slurmscope.console.internal.view.NodesView;

class ConsoleScreenTest {

  private DefaultVirtualTerminal terminal;
  private TerminalScreen screen;
  private ConsoleUi ui;

  @BeforeEach
  void start() throws IOException {
    terminal = new DefaultVirtualTerminal(new TerminalSize(100, 12));
    screen = new TerminalScreen(terminal);
    screen.startScreen();
    List<ConsoleView> views = List.of(new JobsView(), new NodesView());
    ui =
        new ConsoleUi(
            screen,
            ConsoleUi.Sources.of(TestStates::state, () -> views, List::of, () -> {}),
            "alice",
            "0.1.0",
            "nodes",
            Clock.fixed(TestStates.NOW, ZoneOffset.UTC));
  }

  @AfterEach
  void stop() throws IOException {
    screen.stopScreen();
  }

  @Test
  void nodesViewScreen() throws IOException {
    ui.draw(TestStates.state(), TestStates.NOW);

    assertThat(lines())
        .containsExactly(
            " slurmscope 0.1.0 │ cluster testbed │ Slurm 22.05.8 (v0.0.38)  SLURM cli:ok │ metrics prometheus:ok",
            " <1> jobs  <2> nodes",
            "─ nodes (3) ────────────────────────────────────────────────────────────────────────────────────────",
            " NAME    STATE                PARTITIONS   CPUS(A/T)    MEM(A/T)  LOAD",
            " node01  ALLOCATED            debug,batch        8/8  4.0G/15.6G  7.50",
            " node04  IDLE+DRAIN           batch,gpu          0/8    0M/15.6G  0.00",
            " node06  DOWN+NOT_RESPONDING  batch,gpu          0/8           ?   n/a",
            "",
            "",
            "",
            "",
            " ? help  / filter  : command  a all jobs  q quit                       SLURM 3s ago  metrics 2s ago");
  }

  @Test
  void filterKeepsMatchingRows() throws IOException {
    for (char c : "/drain".toCharArray()) {
      ui.model()
          .handle(new KeyStroke(c, false, false), List.of(new JobsView(), new NodesView()), 3, 7);
    }
    ui.draw(TestStates.state(), TestStates.NOW);

    List<String> lines = lines();
    assertThat(lines.get(2)).startsWith("─ nodes (1) ─ filter /drain/ ─");
    assertThat(lines.get(4)).startsWith(" node04");
    assertThat(lines.get(5)).isEmpty();
    assertThat(lines.get(11)).startsWith(" /drain█");
  }

  @Test
  void resizeRedrawsAtNewWidth() throws IOException {
    ui.draw(TestStates.state(), TestStates.NOW);
    terminal.setTerminalSize(new TerminalSize(60, 8));
    screen.doResizeIfNecessary();
    ui.draw(TestStates.state(), TestStates.NOW);

    List<String> lines = lines();
    assertThat(lines).hasSize(8);
    assertThat(lines.get(2)).hasSize(60).startsWith("─ nodes (3) ─");
    assertThat(lines.get(7)).contains("metrics 2s ago");
  }

  @Test
  void explainShowsQueryOfSelectedNode() throws IOException {
    ColumnOverlay cpu =
        new ColumnOverlay() {
          @Override
          public String id() {
            return "cpu";
          }

          @Override
          public Set<String> metrics() {
            return Set.of(NodeMetrics.CPU_PERCENT);
          }

          @Override
          public List<Column<Node>> nodeColumns() {
            return List.of(
                new Column<>(
                    "cpu_percent",
                    "CPU%",
                    6,
                    Alignment.RIGHT,
                    (node, state) -> Cell.NOT_AVAILABLE));
          }
        };
    List<ConsoleView> views = List.of(new JobsView(), new NodesView());
    ConsoleUi explaining =
        new ConsoleUi(
            screen,
            ConsoleUi.Sources.of(TestStates::state, () -> views, () -> List.of(cpu), () -> {}),
            "alice",
            "0.1.0",
            "nodes",
            Clock.fixed(TestStates.NOW, ZoneOffset.UTC));
    explaining.model().handle(new KeyStroke('x', false, false), views, 3, 7);

    explaining.draw(TestStates.state(), TestStates.NOW);

    String screenText = String.join("\n", lines());
    assertThat(screenText).contains("Metric values of nodes row node01");
    assertThat(screenText).contains("cpu query");
  }

  private List<String> lines() {
    TerminalSize size = terminal.getTerminalSize();
    List<String> lines = new ArrayList<>();
    for (int row = 0; row < size.getRows(); row++) {
      StringBuilder line = new StringBuilder();
      for (int column = 0; column < size.getColumns(); column++) {
        line.append(terminal.getCharacter(new TerminalPosition(column, row)).getCharacterString());
      }
      lines.add(line.toString().stripTrailing());
    }
    return lines;
  }
}
