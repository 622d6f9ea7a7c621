package org.slurmscope.itests;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.IntConsumer;
import java.util.stream.Stream;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerMethod;
import org.osgi.framework.Bundle;
import org.osgi.framework.Constants;
import org.osgi.framework.startlevel.BundleStartLevel;
import org.osgi.service.component.runtime.dto.ComponentConfigurationDTO;
import org.osgi.service.component.runtime.dto.ComponentDescriptionDTO;
import org.slurmscope.api.state.ClusterState;
import org.slurmscope.api.state.ClusterStateService;
import org.slurmscope.api.state.SourceStatus.Health;

/**
 * The product as {@code slurmscope --demo} starts it: the feature's bundles and the distribution's
 * {@code config/demo} files in the site folder.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerMethod.class)
public class ProductStartIT {

  /** The components a demo run uses, so each must be active. */
  private static final List<String> ACTIVE_IN_DEMO =
      List.of(
          "org.slurmscope.state.internal.ClusterStateComponent",
          "org.slurmscope.demo.internal.DemoClusterProvider",
          "org.slurmscope.demo.internal.DemoSlurmSource",
          "org.slurmscope.demo.internal.DemoMetricSource",
          "org.slurmscope.overlay.nodes.internal.NodeMetricsOverlay",
          "org.slurmscope.console.internal.ConsoleComponent",
          "org.slurmscope.console.internal.view.JobsView",
          "org.slurmscope.console.internal.view.NodesView",
          "org.slurmscope.console.internal.log.LogFileWriter");

  /**
   * Delayed components whose service no component requests in a demo run. SCR registers the service
   * and creates the instance only on first use, so they stay SATISFIED.
   */
  private static final List<String> UNUSED_IN_DEMO =
      List.of(
          "org.slurmscope.slurm.cli.internal.CliSlurmSource",
          "org.slurmscope.slurm.rest.internal.RestSlurmSource",
          "org.slurmscope.query.internal.PrometheusMetricSource",
          "org.slurmscope.prometheus.internal.PrometheusClientComponent");

  private final Osgi osgi = new Osgi(ProductStartIT.class);

  @Configuration
  public Option[] configuration() throws IOException {
    try (Stream<Path> files = Files.list(ProductOptions.distribution().resolve("config/demo"))) {
      return ProductOptions.forTest(ProductStartIT.class, files.sorted().toList(), true);
    }
  }

  @Test
  public void featureBundlesActiveAtStartLevels() {
    String listed = osgi.context().getProperty(ProductOptions.PRODUCT_BUNDLES);
    List<String> installed = new ArrayList<>();
    for (String entry : listed.split(",")) {
      String[] parts = entry.split("\\|", 2);
      int startLevel = Integer.parseInt(parts[0]);
      Bundle bundle = osgi.context().getBundle(parts[1]);
      String file = Path.of(URI.create(parts[1])).getFileName().toString();

      assertThat(bundle).as("bundle installed from %s", file).isNotNull();
      assertThat(bundle.adapt(BundleStartLevel.class).getStartLevel())
          .as("start level of %s", file)
          .isEqualTo(startLevel);
      if (bundle.getHeaders().get(Constants.FRAGMENT_HOST) == null) {
        assertThat(Osgi.bundleState(bundle.getState())).as("state of %s", file).isEqualTo("ACTIVE");
      }
      installed.add(bundle.getSymbolicName());
    }

    List<String> productBundles =
        Arrays.stream(osgi.context().getBundles())
            .map(Bundle::getSymbolicName)
            .filter(name -> name.startsWith("org.slurmscope."))
            .toList();
    assertThat(installed).as("bundles of the feature").containsAll(productBundles);
  }

  @Test
  public void demoConfigurationFeedsClusterState() {
    ClusterStateService stateService =
        osgi.awaitService(ClusterStateService.class, "org.slurmscope.state");

    ClusterState state =
        Osgi.await(
            "the first state from the demo sources",
            stateService::current,
            current -> current.slurm() != null && current.metrics() != null);

    assertThat(state.slurmStatus().name()).isEqualTo("demo");
    assertThat(state.slurmStatus().health()).isEqualTo(Health.OK);
    assertThat(state.metricStatus().name()).isEqualTo("demo");
    assertThat(state.metricStatus().health()).isEqualTo(Health.OK);
    assertThat(state.slurm().nodes()).as("nodes of config/demo's cluster").hasSize(64);
  }

  @Test
  public void componentsReachExpectedStates() {
    // Wait for the demo configuration to arrive: until then the state component targets the
    // command line source.
    ClusterStateService stateService =
        osgi.awaitService(ClusterStateService.class, "org.slurmscope.state");
    Osgi.await(
        "the state component to use the demo source",
        () -> stateService.current().slurmStatus().name(),
        "demo"::equals);

    Map<String, String> states =
        Osgi.settle(
            "the components of a demo run to be active",
            this::componentStates,
            current ->
                ACTIVE_IN_DEMO.stream().allMatch(name -> "ACTIVE".equals(current.get(name))));

    for (String name : ACTIVE_IN_DEMO) {
      assertThat(states).as("state of %s", name).containsEntry(name, "ACTIVE");
    }
    for (String name : UNUSED_IN_DEMO) {
      assertThat(states).as("state of %s", name).containsEntry(name, "SATISFIED");
    }
    states.forEach(
        (name, state) -> assertThat(state).as("state of %s", name).isIn("ACTIVE", "SATISFIED"));
  }

  @Test
  public void consoleRunsWithoutLauncherExitHandler() {
    // The exit handler is an optional reference: the launcher registers it, this test does not.
    ComponentConfigurationDTO console =
        Osgi.await(
            "the console component to be active",
            () -> osgi.component("org.slurmscope.console.internal.ConsoleComponent"),
            component -> component.state == ComponentConfigurationDTO.ACTIVE);

    assertThat(console.unsatisfiedReferences).isEmpty();
    assertThat(Osgi.boundServices(console, IntConsumer.class)).isEmpty();
    assertThat(Osgi.boundServices(console, ClusterStateService.class)).hasSize(1);
  }

  /** Returns every product component's state by name. */
  private Map<String, String> componentStates() {
    Map<String, String> states = new TreeMap<>();
    for (ComponentDescriptionDTO description : osgi.productComponents()) {
      var configurations = osgi.componentRuntime().getComponentConfigurationDTOs(description);
      if (configurations.isEmpty()) {
        boolean enabled = osgi.componentRuntime().isComponentEnabled(description);
        states.put(description.name, enabled ? "no configuration" : "disabled");
      }
      for (ComponentConfigurationDTO configuration : configurations) {
        states.put(description.name, Osgi.stateName(configuration.state));
      }
    }
    return states;
  }
}
