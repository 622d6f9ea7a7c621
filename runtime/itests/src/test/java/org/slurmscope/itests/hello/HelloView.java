package org.slurmscope.itests.hello;

import java.util.List;
import org.slurmscope.api.console.Alignment;
import org.slurmscope.api.console.Cell;
import org.slurmscope.api.console.ColumnOverlay;
import org.slurmscope.api.console.ColumnSpec;
import org.slurmscope.api.console.ConsoleView;
import org.slurmscope.api.console.Table;
import org.slurmscope.api.console.ViewContext;
import org.slurmscope.api.state.ClusterState;

/** A view with one row that greets the user, so a test can tell it was rendered. */
final class HelloView implements ConsoleView {

  @Override
  public String name() {
    return "hello";
  }

  @Override
  public int order() {
    return 90;
  }

  @Override
  public String rowKind() {
    return "greetings";
  }

  @Override
  public String description() {
    return "A greeting from a plugin bundle";
  }

  @Override
  public Table table(ClusterState state, List<ColumnOverlay> overlays, ViewContext context) {
    ColumnSpec column = new ColumnSpec("greeting", "GREETING", 20, Alignment.LEFT);
    Table.Row row = new Table.Row("hello", List.of(Cell.text("hello, " + context.user())));
    return new Table(List.of(column), List.of(row), "");
  }
}
