package org.slurmscope.itests;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerMethod;
import org.osgi.service.component.runtime.dto.ComponentConfigurationDTO;
import org.slurmscope.api.config.ConfigurationStatus;
import org.slurmscope.api.console.ColumnOverlay;
import org.slurmscope.api.console.ColumnSpec;
import org.slurmscope.api.console.ConsoleView;
import org.slurmscope.api.console.ViewContext;
import org.slurmscope.api.state.ClusterStateService;

/**
 * {@code enabled=false} in a component's configuration switches it off without a restart, and
 * {@code enabled=true} back on. The switch is the configuration bundle's ConfigAdmin plugin; the
 * component itself has no code for it.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerMethod.class)
public class EnabledSwitchIT {

  static final String OVERLAY_PID = "org.slurmscope.overlay.nodes";
  static final String OVERLAY_ID = "node-metrics";
  static final List<String> OVERLAY_COLUMNS = List.of("cpu_percent", "memory_percent", "load1");

  private final Osgi osgi = new Osgi(EnabledSwitchIT.class);

  @Configuration
  public Option[] configuration() {
    return ProductOptions.forTest(EnabledSwitchIT.class, List.of(), false);
  }

  @Test
  public void nodeOverlaySwitchedOffAndOn() {
    ConfigurationStatus status =
        osgi.awaitService(ConfigurationStatus.class, "the org.slurmscope.config bundle");
    ConsoleView nodesView = nodesView();
    Osgi.await("the node overlay", this::nodeOverlay, Optional::isPresent);
    assertThat(nodeColumns(nodesView)).containsAll(OVERLAY_COLUMNS);
    // Other overlays (the job columns) stay bound throughout: count relative to them.
    int bound =
        Osgi.await(
                "the console to bind the overlays",
                () -> Osgi.boundServices(console(), ColumnOverlay.class),
                services -> services.size() == osgi.services(ColumnOverlay.class).size())
            .size();

    osgi.configure(OVERLAY_PID, Map.of("enabled", "false"));

    Osgi.await("the node overlay to go", this::nodeOverlay, Optional::isEmpty);
    assertThat(nodeColumns(nodesView)).doesNotContainAnyElementsOf(OVERLAY_COLUMNS);
    assertThat(nodeColumns(nodesView)).contains("name", "state");
    assertThat(status.isEnabled(OVERLAY_PID)).isFalse();
    Osgi.await(
        "the console to drop the overlay",
        () -> Osgi.boundServices(console(), ColumnOverlay.class),
        services -> services.size() == bound - 1);

    osgi.configure(OVERLAY_PID, Map.of("enabled", "true"));

    Osgi.await("the node overlay to return", this::nodeOverlay, Optional::isPresent);
    assertThat(nodeColumns(nodesView)).containsAll(OVERLAY_COLUMNS);
    assertThat(status.isEnabled(OVERLAY_PID)).isTrue();
    Osgi.await(
        "the console to bind the overlay again",
        () -> Osgi.boundServices(console(), ColumnOverlay.class),
        services -> services.size() == bound);
  }

  private Optional<ColumnOverlay> nodeOverlay() {
    return osgi.service(ColumnOverlay.class, overlay -> overlay.id().equals(OVERLAY_ID));
  }

  private ConsoleView nodesView() {
    return Osgi.await(
            "the nodes view",
            () -> osgi.service(ConsoleView.class, view -> view.name().equals("nodes")),
            Optional::isPresent)
        .orElseThrow();
  }

  /** Returns the column keys of the nodes table as the console renders it: with every overlay. */
  private List<String> nodeColumns(ConsoleView nodesView) {
    ClusterStateService stateService =
        osgi.awaitService(ClusterStateService.class, "org.slurmscope.state");
    return nodesView
        .table(
            stateService.current(),
            osgi.services(ColumnOverlay.class),
            new ViewContext("itests", true))
        .columns()
        .stream()
        .map(ColumnSpec::key)
        .toList();
  }

  private ComponentConfigurationDTO console() {
    return osgi.component("org.slurmscope.console.internal.ConsoleComponent");
  }
}
