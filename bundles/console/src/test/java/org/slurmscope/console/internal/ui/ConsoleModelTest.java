package org.slurmscope.console.internal.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.googlecode.lanterna.input.KeyStroke;
import com.googlecode.lanterna.input.KeyType;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.slurmscope.api.console.ConsoleView;
import org.slurmscope.console.internal.view.JobsView;
import org.slurmscope.console.internal.view.NodesView;

class ConsoleModelTest {

  private static final List<ConsoleView> VIEWS = List.of(new JobsView(), new NodesView());

  private final ConsoleModel model = new ConsoleModel("jobs", false);

  @Test
  void numberKeySwitchesView() {
    type("2");

    assertThat(model.viewName()).isEqualTo("nodes");
  }

  @Test
  void commandSwitchesViewByNameOrAlias() {
    type(":nodes");
    press(KeyType.Enter);
    assertThat(model.viewName()).isEqualTo("nodes");

    type(":j");
    press(KeyType.Enter);
    assertThat(model.viewName()).isEqualTo("jobs");
  }

  @Test
  void unknownCommandLeavesNotice() {
    type(":partitionz");
    press(KeyType.Enter);

    assertThat(model.viewName()).isEqualTo("jobs");
    assertThat(model.notice()).contains(":partitionz");
  }

  @Test
  void filterAppliesWhileTyping() {
    type("/gpu");

    assertThat(model.mode()).isEqualTo(ConsoleModel.Mode.FILTER);
    assertThat(model.filter()).isEqualTo("gpu");

    press(KeyType.Enter);
    assertThat(model.mode()).isEqualTo(ConsoleModel.Mode.NORMAL);
    assertThat(model.filter()).isEqualTo("gpu");
  }

  @Test
  void escapeClearsFilter() {
    type("/gpu");
    press(KeyType.Enter);
    press(KeyType.Escape);

    assertThat(model.filter()).isEmpty();
  }

  @Test
  void selectionStaysInsideTable() {
    type("jjjjj");
    assertThat(model.selected()).isEqualTo(2);

    type("kkkkkkk");
    assertThat(model.selected()).isZero();
  }

  @Test
  void selectionFollowsRowWhenTableChanges() {
    model.follow(List.of("a", "b", "c"), 10);
    type("j");
    model.follow(List.of("a", "b", "c"), 10);

    model.follow(List.of("new", "a", "b", "c"), 10);

    assertThat(model.selected()).isEqualTo(2);
  }

  @Test
  void qQuits() {
    type("q");

    assertThat(model.quitRequested()).isTrue();
  }

  @Test
  void ctrlCQuitsInAnyMode() {
    type(":no");
    model.handle(new KeyStroke('c', true, false), VIEWS, 3, 10);

    assertThat(model.quitRequested()).isTrue();
  }

  @Test
  void qInsideCommandIsText() {
    type(":q");

    assertThat(model.quitRequested()).isFalse();
    press(KeyType.Enter);
    assertThat(model.quitRequested()).isTrue();
  }

  @Test
  void aTogglesAllUsers() {
    type("a");
    assertThat(model.allUsers()).isTrue();

    type("a");
    assertThat(model.allUsers()).isFalse();
  }

  @Test
  void helpOpensAndCloses() {
    type("?");
    assertThat(model.mode()).isEqualTo(ConsoleModel.Mode.HELP);

    press(KeyType.Escape);
    assertThat(model.mode()).isEqualTo(ConsoleModel.Mode.NORMAL);
  }

  private void type(String text) {
    for (char c : text.toCharArray()) {
      model.handle(new KeyStroke(c, false, false), VIEWS, 3, 10);
    }
  }

  private void press(KeyType type) {
    model.handle(new KeyStroke(type), VIEWS, 3, 10);
  }
}
