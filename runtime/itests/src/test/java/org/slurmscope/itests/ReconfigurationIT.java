package org.slurmscope.itests;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerMethod;
import org.slurmscope.api.prometheus.PrometheusClient;
import org.slurmscope.api.state.ClusterState;
import org.slurmscope.api.state.ClusterStateService;
import org.slurmscope.api.state.SourceStatus.Health;

/**
 * Live reconfiguration through ConfigAdmin, as FileInstall delivers an edited {@code .cfg} file:
 * the running components change without a restart. The framework starts with no configuration
 * files, so every component begins on its built-in defaults.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerMethod.class)
public class ReconfigurationIT {

  static final String STATE_PID = "org.slurmscope.state";
  static final String DEMO_PID = "org.slurmscope.demo";
  static final String STATE_COMPONENT = "org.slurmscope.state.internal.ClusterStateComponent";

  /** Both sources from the demo cluster, polled every second. */
  static final Map<String, String> DEMO_STATE =
      Map.of(
          "slurmSource.target", "(source=demo)",
          "metricSource.target", "(source=demo)",
          "slurmRefreshSeconds", "1",
          "metricRefreshSeconds", "1");

  private final Osgi osgi = new Osgi(ReconfigurationIT.class);

  @Configuration
  public Option[] configuration() {
    return ProductOptions.forTest(ReconfigurationIT.class, List.of(), false);
  }

  @Test
  public void sourceTargetSwitchesStateToDemo() {
    // Bound a poll of a real squeue that hangs, so that the switch below is not held up by it.
    osgi.configure("org.slurmscope.slurm.cli", Map.of("timeoutSeconds", "3"));
    ClusterStateService stateService = stateService();
    ClusterState before =
        Osgi.await(
            "the default SLURM source to be bound",
            stateService::current,
            state -> !state.slurmStatus().name().isEmpty());
    assertThat(before.slurmStatus().name()).as("default slurmSource.target").isEqualTo("cli");

    osgi.configure(STATE_PID, DEMO_STATE);

    ClusterState after =
        Osgi.await(
            "a state from the demo sources",
            stateService::current,
            state ->
                state.slurmStatus().name().equals("demo")
                    && state.slurm() != null
                    && state.metricStatus().name().equals("demo")
                    && state.metrics() != null);
    assertThat(after.slurmStatus().health()).isEqualTo(Health.OK);
    assertThat(after.metricStatus().health()).isEqualTo(Health.OK);
    assertThat(after.slurm().cluster()).isEqualTo("demo");
    assertThat(after.slurm().nodes()).as("nodes of the default demo cluster").hasSize(64);
  }

  @Test
  public void demoNodeCountReachesNextState() {
    ClusterStateService stateService = stateService();
    osgi.configure(STATE_PID, DEMO_STATE);
    Osgi.await(
        "the default demo cluster in the state",
        () -> nodeCount(stateService.current()),
        count -> count == 64);

    osgi.configure(DEMO_PID, Map.of("nodes", "16"));

    int nodes =
        Osgi.await(
            "the reconfigured demo cluster in the state",
            () -> nodeCount(stateService.current()),
            count -> count != 64);
    assertThat(nodes).isEqualTo(16);
  }

  @Test
  public void slurmRefreshSecondsSetsPollInterval() {
    ClusterStateService stateService = stateService();
    osgi.configure(STATE_PID, DEMO_STATE);
    Set<Instant> polls = new HashSet<>();
    Osgi.await(
        "three SLURM polls with slurmRefreshSeconds=1",
        () -> {
          polls.add(demoSlurmSuccess(stateService.current()));
          polls.remove(null);
          return polls.size();
        },
        count -> count >= 3);

    Map<String, String> hourly = new HashMap<>(DEMO_STATE);
    hourly.put("slurmRefreshSeconds", "3600");
    osgi.configure(STATE_PID, hourly);
    Osgi.await(
        "the state component to run with slurmRefreshSeconds=3600",
        () -> String.valueOf(osgi.component(STATE_COMPONENT).properties.get("slurmRefreshSeconds")),
        "3600"::equals);
    // One poll may still be due at the old interval of one second.
    Osgi.sleep(Duration.ofMillis(1500));
    Instant settled = demoSlurmSuccess(stateService.current());

    Osgi.sleep(Duration.ofSeconds(3));
    assertThat(demoSlurmSuccess(stateService.current()))
        .as("last SLURM poll 3 s after slurmRefreshSeconds=3600")
        .isEqualTo(settled);

    // Back to one second: the poll waiting an hour ahead moves up at once.
    osgi.configure(STATE_PID, DEMO_STATE);
    Instant resumed =
        Osgi.await(
            "a SLURM poll soon after slurmRefreshSeconds=1 again",
            () -> demoSlurmSuccess(stateService.current()),
            poll -> poll != null && poll.isAfter(settled));
    assertThat(resumed).isAfter(settled);
  }

  @Test
  public void prometheusUrlChangesClientBaseUrl() {
    PrometheusClient client =
        osgi.awaitService(PrometheusClient.class, "org.slurmscope.prometheus");
    assertThat(client.baseUrl()).as("default url").isEqualTo("http://localhost:9090");

    osgi.configure("org.slurmscope.prometheus", Map.of("url", "http://127.0.0.1:9091/prometheus"));

    String baseUrl =
        Osgi.await(
            "the client to follow the new url",
            () -> osgi.awaitService(PrometheusClient.class, "org.slurmscope.prometheus").baseUrl(),
            url -> !url.equals("http://localhost:9090"));
    assertThat(baseUrl).isEqualTo("http://127.0.0.1:9091/prometheus");
  }

  private ClusterStateService stateService() {
    return osgi.awaitService(ClusterStateService.class, "org.slurmscope.state");
  }

  private static int nodeCount(ClusterState state) {
    return state.slurm() == null ? 0 : state.slurm().nodes().size();
  }

  /** Returns when the demo SLURM source last returned a snapshot, or null before it has. */
  private static Instant demoSlurmSuccess(ClusterState state) {
    return state.slurmStatus().name().equals("demo") ? state.slurmStatus().lastSuccess() : null;
  }
}
