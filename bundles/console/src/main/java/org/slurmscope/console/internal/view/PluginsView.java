package org.slurmscope.console.internal.view;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.component.runtime.dto.ComponentConfigurationDTO;
import org.osgi.service.component.runtime.dto.ComponentDescriptionDTO;
import org.osgi.service.component.runtime.dto.UnsatisfiedReferenceDTO;
import org.slurmscope.api.config.ConfigurationProblem;
import org.slurmscope.api.config.ConfigurationStatus;
import org.slurmscope.api.console.Alignment;
import org.slurmscope.api.console.Cell;
import org.slurmscope.api.console.ColumnOverlay;
import org.slurmscope.api.console.ColumnSpec;
import org.slurmscope.api.console.ConsoleView;
import org.slurmscope.api.console.Table;
import org.slurmscope.api.console.Tone;
import org.slurmscope.api.console.ViewAction;
import org.slurmscope.api.console.ViewContext;
import org.slurmscope.api.state.ClusterState;

/**
 * The plugins view: every slurmscope bundle and every Declarative Services component of the running
 * console, its state and why it is not active; {@code e} switches the selected component on or off
 * through its configuration file.
 */
@Component(service = ConsoleView.class)
public final class PluginsView implements ConsoleView {

  /** The condition target the configuration bundle sets for {@code enabled=false}. */
  static final String DISABLED_CONDITION = "slurmscope.disabled";

  /** The condition target the configuration bundle sets for a rejected first configuration. */
  static final String INVALID_CONDITION = "slurmscope.invalid";

  private static final String SATISFYING_CONDITION = "osgi.ds.satisfying.condition";

  private static final List<ColumnSpec> COLUMNS =
      List.of(
          new ColumnSpec("kind", "KIND", 9, Alignment.LEFT),
          new ColumnSpec("name", "NAME", 44, Alignment.LEFT),
          new ColumnSpec("state", "STATE", 12, Alignment.LEFT),
          new ColumnSpec("pid", "PID", 30, Alignment.LEFT),
          new ColumnSpec("reason", "WHY NOT ACTIVE", 80, Alignment.LEFT));

  @Reference private ServiceComponentRuntime runtime;

  @Reference(
      cardinality = ReferenceCardinality.OPTIONAL,
      policy = ReferencePolicy.DYNAMIC,
      policyOption = ReferencePolicyOption.GREEDY)
  private volatile ConfigurationStatus configuration;

  private BundleContext context;

  @Activate
  void activate(BundleContext bundleContext) {
    context = bundleContext;
  }

  @Override
  public String name() {
    return "plugins";
  }

  @Override
  public List<String> aliases() {
    return List.of("plugin", "pl");
  }

  @Override
  public int order() {
    return 90;
  }

  @Override
  public String rowKind() {
    return "plugins";
  }

  @Override
  public String description() {
    return "bundles and components, why one is not active; e switches a component";
  }

  @Override
  public boolean live() {
    return true;
  }

  @Override
  public List<ViewAction> actions() {
    return List.of(new ViewAction('e', "switch the selected component on or off", this::toggle));
  }

  @Override
  public Table table(ClusterState state, List<ColumnOverlay> overlays, ViewContext viewContext) {
    List<Table.Row> rows = new ArrayList<>();
    List<Bundle> bundles = new ArrayList<>(List.of(context.getBundles()));
    bundles.sort(Comparator.comparing(bundle -> String.valueOf(bundle.getSymbolicName())));
    for (Bundle bundle : bundles) {
      if (!isShown(bundle)) {
        continue;
      }
      rows.add(bundleRow(bundle));
      List<ComponentDescriptionDTO> components =
          new ArrayList<>(runtime.getComponentDescriptionDTOs(bundle));
      components.sort(Comparator.comparing(component -> component.name));
      for (ComponentDescriptionDTO component : components) {
        rows.add(componentRow(component));
      }
    }
    return new Table(COLUMNS, rows, "");
  }

  /** slurmscope's own bundles, and any other bundle that brings components (a plugin). */
  private static boolean isShown(Bundle bundle) {
    String name = String.valueOf(bundle.getSymbolicName());
    return name.startsWith("org.slurmscope.")
        || bundle.getHeaders().get("Service-Component") != null;
  }

  private static Table.Row bundleRow(Bundle bundle) {
    String state = bundleState(bundle.getState());
    Tone tone = bundle.getState() == Bundle.ACTIVE ? Tone.GOOD : Tone.CRITICAL;
    String why =
        bundle.getState() == Bundle.ACTIVE
            ? ""
            : "bundle is " + state.toLowerCase(Locale.ROOT) + "; see the log";
    return new Table.Row(
        "bundle:" + bundle.getSymbolicName(),
        List.of(
            new Cell("bundle", "bundle", Tone.DIM),
            Cell.text(bundle.getSymbolicName() + " " + bundle.getVersion()),
            new Cell(state, state, tone),
            Cell.text(""),
            why.isEmpty() ? Cell.text("") : new Cell(why, why, Tone.CRITICAL)));
  }

  private Table.Row componentRow(ComponentDescriptionDTO component) {
    // Declarative Services uses the component name as PID when none is declared: show only real
    // ones.
    String pid = component.configurationPid.length == 0 ? "" : component.configurationPid[0];
    Status status = status(component, pid);
    String shownPid = pid.equals(component.name) ? "" : pid;
    return new Table.Row(
        "component:" + component.name,
        List.of(
            new Cell("  comp", "component", Tone.DIM),
            Cell.text("  " + shortName(component.name)),
            new Cell(status.state(), status.state(), status.tone()),
            Cell.text(shownPid),
            status.reason().isEmpty()
                ? Cell.text("")
                : new Cell(status.reason(), status.reason(), status.tone())));
  }

  private record Status(String state, String reason, Tone tone) {}

  private Status status(ComponentDescriptionDTO component, String pid) {
    if (!runtime.isComponentEnabled(component)) {
      return new Status("DISABLED", "disabled by the runtime", Tone.WARNING);
    }
    List<ComponentConfigurationDTO> configurations =
        List.copyOf(runtime.getComponentConfigurationDTOs(component));
    if (configurations.isEmpty()) {
      return new Status(
          "WAITING", "waits for its configuration file " + pid + ".cfg", Tone.WARNING);
    }
    ComponentConfigurationDTO configuration = configurations.get(0);
    return switch (configuration.state) {
      case ComponentConfigurationDTO.ACTIVE -> new Status("ACTIVE", "", Tone.GOOD);
      case ComponentConfigurationDTO.SATISFIED -> new Status("SATISFIED", "", Tone.GOOD);
      case ComponentConfigurationDTO.FAILED_ACTIVATION ->
          new Status("FAILED", "activation failed: " + configuration.failure, Tone.CRITICAL);
      case ComponentConfigurationDTO.UNSATISFIED_REFERENCE -> unsatisfied(configuration, pid);
      default -> new Status("UNSATISFIED", "waits for its configuration", Tone.WARNING);
    };
  }

  private Status unsatisfied(ComponentConfigurationDTO configuration, String pid) {
    List<String> missing = new ArrayList<>();
    for (UnsatisfiedReferenceDTO reference : configuration.unsatisfiedReferences) {
      if (SATISFYING_CONDITION.equals(reference.name) && reference.target != null) {
        if (reference.target.contains(DISABLED_CONDITION)) {
          return new Status("OFF", "switched off: enabled=false in " + pid + ".cfg", Tone.DIM);
        }
        if (reference.target.contains(INVALID_CONDITION)) {
          return new Status("INVALID", invalidReason(pid), Tone.CRITICAL);
        }
      }
      missing.add(reference.name + (reference.target == null ? "" : " " + reference.target));
    }
    return new Status("UNSATISFIED", "no service for " + String.join(", ", missing), Tone.WARNING);
  }

  private String invalidReason(String pid) {
    ConfigurationStatus status = configuration;
    if (status != null) {
      for (ConfigurationProblem problem : status.problems()) {
        if (problem.pid().equals(pid)) {
          return "invalid configuration: " + problem.message();
        }
      }
    }
    return "invalid configuration; see the log";
  }

  private String toggle(String rowKey) {
    if (rowKey == null || !rowKey.startsWith("component:")) {
      return "Select a component to switch it on or off";
    }
    String name = rowKey.substring("component:".length());
    ConfigurationStatus status = configuration;
    if (status == null) {
      return "The configuration bundle is not active, so components cannot be switched";
    }
    for (Bundle bundle : context.getBundles()) {
      for (ComponentDescriptionDTO component : runtime.getComponentDescriptionDTOs(bundle)) {
        if (component.name.equals(name) && component.configurationPid.length > 0) {
          return switchPid(status, component.configurationPid[0]);
        }
      }
    }
    return "Component " + name + " is gone";
  }

  /** Switches a PID; shared with the overlay keys of the console. */
  public static String switchPid(ConfigurationStatus status, String pid) {
    boolean on = !status.isEnabled(pid);
    try {
      Path file = status.setEnabled(pid, on);
      return pid + " switched " + (on ? "on" : "off") + " in " + file;
    } catch (IOException e) {
      return "Switching " + pid + " failed: " + e.getMessage();
    }
  }

  private static String shortName(String name) {
    return name.startsWith("org.slurmscope.") ? name.substring("org.slurmscope.".length()) : name;
  }

  private static String bundleState(int state) {
    return switch (state) {
      case Bundle.ACTIVE -> "ACTIVE";
      case Bundle.RESOLVED -> "RESOLVED";
      case Bundle.INSTALLED -> "INSTALLED";
      case Bundle.STARTING -> "STARTING";
      case Bundle.STOPPING -> "STOPPING";
      default -> "UNINSTALLED";
    };
  }
}
