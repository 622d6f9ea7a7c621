package org.slurmscope.itests;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.HashMap;
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
import org.slurmscope.api.config.ConfigurationProblem;
import org.slurmscope.api.config.ConfigurationStatus;
import org.slurmscope.api.console.ColumnOverlay;
import org.slurmscope.api.state.ClusterState;
import org.slurmscope.api.state.ClusterStateService;

/**
 * An invalid value is rejected before its component receives it: the last good values stay in
 * force, {@link ConfigurationStatus#problems()} names the PID, the key and the value, and valid
 * values clear the problem. The check is the configuration bundle's ConfigAdmin plugin calling the
 * component's {@code ConfigurationValidator}.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerMethod.class)
public class InvalidConfigurationIT {

  private static final String STATE_COMPONENT = ReconfigurationIT.STATE_COMPONENT;
  private static final String OVERLAY_COMPONENT =
      "org.slurmscope.overlay.nodes.internal.NodeMetricsOverlay";

  private final Osgi osgi = new Osgi(InvalidConfigurationIT.class);

  @Configuration
  public Option[] configuration() {
    return ProductOptions.forTest(InvalidConfigurationIT.class, List.of(), false);
  }

  @Test
  public void invalidRefreshKeepsLastGoodValue() {
    ConfigurationStatus status = configurationStatus();
    ClusterStateService stateService =
        osgi.awaitService(ClusterStateService.class, "org.slurmscope.state");
    Map<String, String> good = new HashMap<>(ReconfigurationIT.DEMO_STATE);
    good.put("slurmRefreshSeconds", "2");
    osgi.configure(ReconfigurationIT.STATE_PID, good);
    awaitProperty(STATE_COMPONENT, "slurmRefreshSeconds", "2");
    Osgi.await(
        "a SLURM poll of the demo source",
        stateService::current,
        state -> state.slurmStatus().name().equals("demo") && state.slurm() != null);

    Map<String, String> invalid = new HashMap<>(good);
    invalid.put("slurmRefreshSeconds", "0");
    osgi.configure(ReconfigurationIT.STATE_PID, invalid);

    ConfigurationProblem problem = awaitProblem(status, ReconfigurationIT.STATE_PID);
    assertThat(problem.message()).contains("slurmRefreshSeconds=0");
    assertThat(problem.active()).as("component runs on its last good values").isTrue();
    ComponentConfigurationDTO component = osgi.component(STATE_COMPONENT);
    assertThat(Osgi.stateName(component.state)).isEqualTo("ACTIVE");
    assertThat(component.properties.get("slurmRefreshSeconds")).hasToString("2");
    Instant lastPoll = stateService.current().slurmStatus().lastSuccess();
    Osgi.await(
        "a SLURM poll at the last good interval",
        () -> stateService.current().slurmStatus().lastSuccess(),
        poll -> poll != null && poll.isAfter(lastPoll));

    good.put("slurmRefreshSeconds", "5");
    osgi.configure(ReconfigurationIT.STATE_PID, good);

    awaitNoProblem(status, ReconfigurationIT.STATE_PID);
    awaitProperty(STATE_COMPONENT, "slurmRefreshSeconds", "5");
    ClusterState state = stateService.current();
    assertThat(state.slurmStatus().name()).isEqualTo("demo");
  }

  @Test
  public void invalidThresholdKeepsLastGoodOverlay() {
    ConfigurationStatus status = configurationStatus();
    Map<String, String> good =
        new HashMap<>(Map.of("warningPercent", "70", "criticalPercent", "90"));
    osgi.configure(EnabledSwitchIT.OVERLAY_PID, good);
    awaitProperty(OVERLAY_COMPONENT, "warningPercent", "70");

    Map<String, String> invalid = new HashMap<>(good);
    invalid.put("warningPercent", "500");
    osgi.configure(EnabledSwitchIT.OVERLAY_PID, invalid);

    ConfigurationProblem problem = awaitProblem(status, EnabledSwitchIT.OVERLAY_PID);
    assertThat(problem.message()).contains("warningPercent=500");
    assertThat(problem.active()).as("component runs on its last good values").isTrue();
    ComponentConfigurationDTO component = osgi.component(OVERLAY_COMPONENT);
    assertThat(Osgi.stateName(component.state)).isEqualTo("ACTIVE");
    assertThat(component.properties.get("warningPercent")).hasToString("70");
    assertThat(osgi.service(ColumnOverlay.class, overlay -> overlay.id().equals("node-metrics")))
        .as("the node overlay")
        .isPresent();

    good.put("warningPercent", "60");
    osgi.configure(EnabledSwitchIT.OVERLAY_PID, good);

    awaitNoProblem(status, EnabledSwitchIT.OVERLAY_PID);
    awaitProperty(OVERLAY_COMPONENT, "warningPercent", "60");
  }

  private ConfigurationStatus configurationStatus() {
    return osgi.awaitService(ConfigurationStatus.class, "the org.slurmscope.config bundle");
  }

  private static ConfigurationProblem awaitProblem(ConfigurationStatus status, String pid) {
    return Osgi.await(
            "a configuration problem for " + pid, () -> problem(status, pid), Optional::isPresent)
        .orElseThrow();
  }

  private static void awaitNoProblem(ConfigurationStatus status, String pid) {
    Osgi.await(
        "the problem for " + pid + " to clear", () -> problem(status, pid), Optional::isEmpty);
  }

  private static Optional<ConfigurationProblem> problem(ConfigurationStatus status, String pid) {
    return status.problems().stream().filter(problem -> problem.pid().equals(pid)).findFirst();
  }

  /** Waits until the component runs with a property value, compared as text. */
  private void awaitProperty(String component, String key, String value) {
    Osgi.await(
        component + " with " + key + "=" + value,
        () -> String.valueOf(osgi.component(component).properties.get(key)),
        value::equals);
  }
}
