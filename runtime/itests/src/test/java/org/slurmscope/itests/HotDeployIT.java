package org.slurmscope.itests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ops4j.pax.exam.CoreOptions.frameworkProperty;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.After;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.OptionUtils;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerMethod;
import org.osgi.framework.Bundle;
import org.slurmscope.api.console.ConsoleView;
import org.slurmscope.api.console.Table;
import org.slurmscope.api.console.ViewContext;
import org.slurmscope.api.state.ClusterStateService;

/**
 * A bundle dropped into the plugins folder is installed and started while the product runs, and its
 * view appears. Deleting the file uninstalls the bundle, and the view goes. FileInstall watches the
 * folder, polling every 500 ms.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerMethod.class)
public class HotDeployIT {

  /** Framework property naming the built plugin bundle, outside every watched folder. */
  private static final String HELLO_BUNDLE = "slurmscope.itests.hello.bundle";

  private final Osgi osgi = new Osgi(HotDeployIT.class);

  @Configuration
  public Option[] configuration() throws IOException {
    Option[] product = ProductOptions.forTest(HotDeployIT.class, List.of(), false);
    Path work = Path.of(System.getProperty("slurmscope.itests.work", "target/itests-work"));
    Path hello = HelloBundle.build(work.toAbsolutePath().resolve("hello-view.jar"));
    return OptionUtils.combine(product, frameworkProperty(HELLO_BUNDLE).value(hello.toString()));
  }

  @After
  public void removePlugin() throws IOException {
    Files.deleteIfExists(plugin());
  }

  @Test
  public void droppedBundleAddsAndRemovesView() throws IOException {
    ClusterStateService stateService =
        osgi.awaitService(ClusterStateService.class, "org.slurmscope.state");
    assertThat(helloView()).as("view before the drop").isEmpty();
    int viewsBefore = consoleViews().size();

    long dropped = System.nanoTime();
    Files.copy(Path.of(osgi.context().getProperty(HELLO_BUNDLE)), plugin());

    ConsoleView view =
        Osgi.await("the plugin's view", this::helloView, Optional::isPresent).orElseThrow();
    long appearedMillis = (System.nanoTime() - dropped) / 1_000_000;
    System.out.println("Plugin view appeared " + appearedMillis + " ms after the drop");
    Table table = view.table(stateService.current(), List.of(), new ViewContext("itests", true));
    assertThat(table.rows()).hasSize(1);
    assertThat(table.rows().get(0).cells().get(0).text()).isEqualTo("hello, itests");
    assertThat(pluginBundle()).as("plugin bundle").isPresent();
    assertThat(Osgi.bundleState(pluginBundle().orElseThrow().getState())).isEqualTo("ACTIVE");
    Osgi.await(
        "the console to bind the plugin's view",
        () -> consoleViews().size(),
        count -> count == viewsBefore + 1);

    long deleted = System.nanoTime();
    Files.delete(plugin());

    Osgi.await("the plugin's view to go", this::helloView, Optional::isEmpty);
    long goneMillis = (System.nanoTime() - deleted) / 1_000_000;
    System.out.println("Plugin view went " + goneMillis + " ms after the delete");
    Osgi.await("the plugin bundle to be uninstalled", this::pluginBundle, Optional::isEmpty);
    Osgi.await(
        "the console to drop the plugin's view",
        () -> consoleViews().size(),
        count -> count == viewsBefore);
  }

  private Path plugin() {
    return Path.of(osgi.context().getProperty(ProductOptions.PLUGINS_DIR), "hello-view.jar");
  }

  private Optional<ConsoleView> helloView() {
    return osgi.service(ConsoleView.class, view -> view.name().equals("hello"));
  }

  /** Returns the ids of the views bound to the console component. */
  private List<Long> consoleViews() {
    return Osgi.boundServices(
        osgi.component("org.slurmscope.console.internal.ConsoleComponent"), ConsoleView.class);
  }

  private Optional<Bundle> pluginBundle() {
    return Arrays.stream(osgi.context().getBundles())
        .filter(bundle -> HelloBundle.SYMBOLIC_NAME.equals(bundle.getSymbolicName()))
        .findFirst();
  }
}
