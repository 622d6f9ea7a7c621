package org.slurmscope.console.internal;

import com.googlecode.lanterna.screen.Screen;
import com.googlecode.lanterna.screen.TerminalScreen;
import com.googlecode.lanterna.terminal.DefaultTerminalFactory;
import com.googlecode.lanterna.terminal.Terminal;
import com.googlecode.lanterna.terminal.ansi.UnixLikeTerminal.CtrlCBehaviour;
import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.IntConsumer;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.component.runtime.dto.ComponentDescriptionDTO;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;
import org.slurmscope.api.config.ConfigurationProblem;
import org.slurmscope.api.config.ConfigurationStatus;
import org.slurmscope.api.console.ColumnOverlay;
import org.slurmscope.api.console.ConsoleView;
import org.slurmscope.api.state.ClusterState;
import org.slurmscope.api.state.ClusterStateService;
import org.slurmscope.console.internal.once.OncePrinter;
import org.slurmscope.console.internal.ui.ConsoleUi;
import org.slurmscope.console.internal.ui.OverlayToggle;
import org.slurmscope.console.internal.view.PluginsView;

/**
 * Runs the console in the mode the launcher selects with framework properties: the interactive
 * terminal UI ({@code slurmscope.ui=terminal}), or one {@code --once} print ({@code
 * slurmscope.ui=once}). With neither (tests, embedding) it does nothing. Views and overlays are
 * tracked as they come and go.
 */
@Component(immediate = true)
public final class ConsoleComponent {

  private static final Duration STOP_WAIT = Duration.ofSeconds(5);

  @Reference(service = LoggerFactory.class)
  private Logger logger;

  /** Optional, so that the console still starts and says why when the state component cannot. */
  @Reference(
      cardinality = ReferenceCardinality.OPTIONAL,
      policy = ReferencePolicy.DYNAMIC,
      policyOption = ReferencePolicyOption.GREEDY)
  private volatile ClusterStateService stateService;

  @Reference(
      cardinality = ReferenceCardinality.OPTIONAL,
      policy = ReferencePolicy.DYNAMIC,
      policyOption = ReferencePolicyOption.GREEDY)
  private volatile ConfigurationStatus configuration;

  @Reference(
      cardinality = ReferenceCardinality.OPTIONAL,
      policy = ReferencePolicy.DYNAMIC,
      policyOption = ReferencePolicyOption.GREEDY)
  private volatile ServiceComponentRuntime runtime;

  /** The state shown while the state component is unavailable. */
  private final ClusterState noState = ClusterState.initial(Instant.now());

  @Reference(
      target = "(slurmscope.exit=true)",
      cardinality = ReferenceCardinality.OPTIONAL,
      policyOption = ReferencePolicyOption.GREEDY)
  private volatile IntConsumer exit;

  private final List<ConsoleView> views = new CopyOnWriteArrayList<>();
  private final List<ColumnOverlay> overlays = new CopyOnWriteArrayList<>();

  private Thread worker;
  private volatile Screen screen;

  @Reference(
      cardinality = ReferenceCardinality.MULTIPLE,
      policy = ReferencePolicy.DYNAMIC,
      policyOption = ReferencePolicyOption.GREEDY)
  void bindView(ConsoleView view) {
    views.add(view);
  }

  void unbindView(ConsoleView view) {
    views.remove(view);
  }

  @Reference(
      cardinality = ReferenceCardinality.MULTIPLE,
      policy = ReferencePolicy.DYNAMIC,
      policyOption = ReferencePolicyOption.GREEDY)
  void bindOverlay(ColumnOverlay overlay) {
    overlays.add(overlay);
  }

  void unbindOverlay(ColumnOverlay overlay) {
    overlays.remove(overlay);
  }

  @Activate
  void activate(BundleContext context) {
    String ui = context.getProperty("slurmscope.ui");
    if ("terminal".equals(ui)) {
      String version = property(context, "slurmscope.version", "dev");
      worker = new Thread(() -> runTerminal(version), "slurmscope-ui");
    } else if ("once".equals(ui)) {
      worker = new Thread(() -> runOnce(context), "slurmscope-once");
    } else {
      return;
    }
    worker.start();
  }

  @Deactivate
  void deactivate() {
    Thread running = worker;
    if (running == null) {
      return;
    }
    running.interrupt();
    try {
      running.join(STOP_WAIT.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    stopScreen();
  }

  private void runTerminal(String version) {
    int code = 0;
    try {
      Terminal terminal =
          new DefaultTerminalFactory(
                  new FileOutputStream(FileDescriptor.out),
                  new FileInputStream(FileDescriptor.in),
                  StandardCharsets.UTF_8)
              .setUnixTerminalCtrlCBehaviour(CtrlCBehaviour.TRAP)
              .createTerminal();
      screen = new TerminalScreen(terminal);
      screen.startScreen();
      screen.setCursorPosition(null);
      ConsoleUi ui =
          new ConsoleUi(
              screen,
              sources(),
              System.getProperty("user.name", ""),
              version,
              "jobs",
              Clock.systemUTC());
      ui.run();
      if (!ui.quitRequested()) {
        return;
      }
    } catch (IOException | RuntimeException e) {
      logger.error("The console failed", e);
      code = 1;
    } finally {
      stopScreen();
    }
    requestExit(code);
  }

  private void runOnce(BundleContext context) {
    String view = property(context, "slurmscope.once.view", "jobs");
    String format = property(context, "slurmscope.once.format", "table");
    Duration timeout =
        Duration.ofSeconds(
            Long.parseLong(property(context, "slurmscope.once.timeoutSeconds", "60")));
    PrintStream err =
        new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8);
    int code = OncePrinter.EXIT_FAILED;
    try {
      Writer out =
          new OutputStreamWriter(new FileOutputStream(FileDescriptor.out), StandardCharsets.UTF_8);
      OncePrinter printer =
          new OncePrinter(this::currentState, this::sortedViews, this::overlayList, this::problems);
      code = printer.run(view, format, timeout, System.getProperty("user.name", ""), out, err);
    } catch (IOException e) {
      if (String.valueOf(e.getMessage()).contains("Broken pipe")) {
        // The reader went away, as with `slurmscope --once jobs | head`: it has what it wanted.
        logger.debug("--once {}: output closed early: {}", view, e.getMessage());
        code = OncePrinter.EXIT_OK;
      } else {
        err.println("slurmscope: writing the --once " + view + " output failed: " + e.getMessage());
      }
    } catch (RuntimeException e) {
      logger.error("--once {} failed", view, e);
      err.println("slurmscope: --once " + view + " failed: " + e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return;
    }
    requestExit(code);
  }

  private ConsoleUi.Sources sources() {
    return new ConsoleUi.Sources(
        this::currentState,
        this::sortedViews,
        this::overlayList,
        this::refreshNow,
        this::problems,
        this::overlayToggles,
        this::togglePid);
  }

  private ClusterState currentState() {
    ClusterStateService service = stateService;
    return service == null ? noState : service.current();
  }

  private void refreshNow() {
    ClusterStateService service = stateService;
    if (service != null) {
      service.refreshNow();
    }
  }

  /** Configuration rejections, and a missing state component, for the status bar. */
  private List<String> problems() {
    List<String> problems = new ArrayList<>();
    ConfigurationStatus status = configuration;
    if (status != null) {
      for (ConfigurationProblem problem : status.problems()) {
        String effect = problem.active() ? "last good values in force" : "component inactive";
        problems.add("Configuration rejected (" + effect + "): " + problem.message());
      }
    }
    if (stateService == null) {
      problems.add("The state component is not active, so no data is polled: see :plugins");
    }
    return problems;
  }

  /** The overlay keys, read from the component descriptions so that they work while off. */
  private List<OverlayToggle> overlayToggles() {
    ServiceComponentRuntime scr = runtime;
    ConfigurationStatus status = configuration;
    if (scr == null) {
      return List.of();
    }
    List<OverlayToggle> toggles = new ArrayList<>();
    for (ComponentDescriptionDTO component : scr.getComponentDescriptionDTOs()) {
      Object key = component.properties.get(OverlayToggle.KEY_PROPERTY);
      Object view = component.properties.get(OverlayToggle.VIEW_PROPERTY);
      if (key == null
          || view == null
          || key.toString().isEmpty()
          || component.configurationPid.length == 0) {
        continue;
      }
      String pid = component.configurationPid[0];
      Object name = component.properties.getOrDefault("slurmscope.overlay.name", pid);
      boolean enabled = status == null || status.isEnabled(pid);
      toggles.add(
          new OverlayToggle(
              key.toString().charAt(0), name.toString(), pid, view.toString(), enabled));
    }
    return toggles;
  }

  private String togglePid(String pid) {
    ConfigurationStatus status = configuration;
    if (status == null) {
      return "The configuration bundle is not active, so overlays cannot be switched";
    }
    return PluginsView.switchPid(status, pid);
  }

  private List<ConsoleView> sortedViews() {
    return views.stream()
        .sorted(Comparator.comparingInt(ConsoleView::order).thenComparing(ConsoleView::name))
        .toList();
  }

  private List<ColumnOverlay> overlayList() {
    return List.copyOf(overlays);
  }

  private void requestExit(int code) {
    IntConsumer handler = exit;
    if (handler == null) {
      logger.warn("The console ended with code {} but no launcher is listening", code);
      return;
    }
    handler.accept(code);
  }

  private synchronized void stopScreen() {
    Screen current = screen;
    screen = null;
    if (current == null) {
      return;
    }
    try {
      current.stopScreen();
    } catch (IOException e) {
      logger.warn("Restoring the terminal failed", e);
    }
  }

  private static String property(BundleContext context, String key, String fallback) {
    String value = context.getProperty(key);
    return value == null || value.isBlank() ? fallback : value;
  }
}
