package org.slurmscope.launcher;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.osgi.framework.BundleException;

/**
 * Entry point of {@code bin/slurmscope}: parses the command line, sends everything the framework
 * prints to the log file, starts Felix with the distribution's bundles and the configuration
 * folders, and exits with the code the console reports.
 */
public final class Main {

  /** Exit code for a wrong command line. */
  static final int EXIT_USAGE = 2;

  /** Exit code when the framework could not start or the console did not finish. */
  static final int EXIT_FAILURE = 1;

  /** Extra time {@code --once} gets beyond its own timeout before the launcher gives up. */
  private static final Duration ONCE_GRACE = Duration.ofSeconds(15);

  private Main() {}

  public static void main(String[] args) {
    System.exit(run(args));
  }

  static int run(String[] args) {
    PrintStream terminalErr = System.err;
    LaunchOptions options;
    try {
      options = LaunchOptions.parse(args);
    } catch (IllegalArgumentException e) {
      terminalErr.println("slurmscope: " + e.getMessage());
      return EXIT_USAGE;
    }
    if (options.help()) {
      System.out.print(LaunchOptions.USAGE);
      return 0;
    }
    if (options.version()) {
      System.out.println("slurmscope " + version().getProperty("version"));
      return 0;
    }
    if (options.onceView() == null && System.console() == null) {
      terminalErr.println(
          "slurmscope: the console needs a terminal, and standard input or output is not one;"
              + " use --once VIEW for scripts");
      return EXIT_USAGE;
    }
    try {
      return launch(options, terminalErr);
    } catch (IOException | BundleException | RuntimeException e) {
      terminalErr.println("slurmscope: failed to start: " + e.getMessage());
      return EXIT_FAILURE;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return EXIT_FAILURE;
    }
  }

  private static int launch(LaunchOptions options, PrintStream terminalErr)
      throws IOException, BundleException, InterruptedException {
    Layout layout = Layout.of(home(), options, System.getenv());
    Path siteDir = layout.configDirs().get(0);
    if (!Files.isDirectory(siteDir)) {
      throw new IOException("configuration folder " + siteDir + " does not exist");
    }
    // FileInstall watches these, and console toggles write into the user's folder.
    Files.createDirectories(layout.userConfigDir());
    for (Path dir : layout.pluginDirs()) {
      createIfPossible(dir);
    }
    List<FeatureBundles.BundleEntry> bundles =
        FeatureBundles.resolve(layout.featuresFile(), "slurmscope", layout.bundlesDir());
    redirectOutput(layout.logFile());
    System.err.println(
        Instant.now()
            + " slurmscope "
            + version().getProperty("version")
            + " starting: config "
            + layout.configDirs());
    Path cache = Files.createTempDirectory("slurmscope-felix-");
    try {
      return run(options, layout, bundles, cache, terminalErr);
    } finally {
      deleteTree(cache);
    }
  }

  private static int run(
      LaunchOptions options,
      Layout layout,
      List<FeatureBundles.BundleEntry> bundles,
      Path cache,
      PrintStream terminalErr)
      throws IOException, BundleException, InterruptedException {
    FelixRunner runner = FelixRunner.install(frameworkProperties(options, layout, cache), bundles);
    // SIGTERM, SIGHUP and SIGINT outside the console's raw mode: stop the framework, so the console
    // restores the terminal, and remove the cache, because the main thread may not get to it.
    Thread hook =
        new Thread(
            () -> {
              runner.stop();
              deleteTree(cache);
            },
            "slurmscope-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
    try {
      runner.start();
      String inactive = runner.inactiveBundles();
      if (!inactive.isEmpty()) {
        System.err.println("Bundles not active after start: " + inactive);
      }
      boolean stopped =
          runner.awaitStop(
              options.onceView() == null ? Duration.ZERO : options.timeout().plus(ONCE_GRACE));
      if (!stopped) {
        terminalErr.println(
            "slurmscope: --once "
                + options.onceView()
                + " did not finish within "
                + options.timeout().plus(ONCE_GRACE).toSeconds()
                + " s; see "
                + layout.logFile());
        runner.stop();
        return EXIT_FAILURE;
      }
      return runner.exitCode();
    } finally {
      removeHook(hook);
    }
  }

  private static Map<String, String> frameworkProperties(
      LaunchOptions options, Layout layout, Path cache) {
    Map<String, String> properties = new HashMap<>();
    properties.put("org.osgi.framework.storage", cache.toString());
    properties.put("org.osgi.framework.storage.clean", "onFirstInit");
    properties.put("org.osgi.framework.startlevel.beginning", "2");
    // Lanterna hears window resizes through sun.misc.Signal, loaded by reflection.
    properties.put("org.osgi.framework.system.packages.extra", "sun.misc");
    // Raised for troubleshooting with SLURMSCOPE_OPTS="-Dds.loglevel=debug -Dfelix.log.level=4".
    properties.put("felix.log.level", System.getProperty("felix.log.level", "1"));
    properties.put("ds.loglevel", System.getProperty("ds.loglevel", "warn"));
    String configDirs =
        layout.configDirs().stream().map(Path::toString).collect(Collectors.joining(","));
    List<Path> watched = new ArrayList<>(layout.configDirs());
    layout.pluginDirs().stream().filter(Files::isDirectory).forEach(watched::add);
    properties.put(
        "felix.fileinstall.dir",
        watched.stream().map(Path::toString).collect(Collectors.joining(",")));
    // Read by the configuration bundle, which applies the folders' precedence.
    properties.put("slurmscope.config.dirs", configDirs);
    properties.put("slurmscope.config.user.dir", layout.userConfigDir().toString());
    properties.put("felix.fileinstall.start.level", "2");
    properties.put("felix.fileinstall.poll", "500");
    properties.put("felix.fileinstall.noInitialDelay", "true");
    properties.put("felix.fileinstall.filter", ".*\\.(cfg|jar)");
    properties.put("felix.fileinstall.log.level", "2");
    // The files stay the source of truth: configuration changed at run time is not written back
    // into the site folder, which may be read-only.
    properties.put("felix.fileinstall.enableConfigSave", "false");
    properties.put("slurmscope.version", version().getProperty("version"));
    properties.put("slurmscope.demo", Boolean.toString(options.demo()));
    properties.put("slurmscope.ui", options.onceView() == null ? "terminal" : "once");
    properties.put("slurmscope.log.file", layout.logFile().toString());
    if (options.onceView() != null) {
      properties.put("slurmscope.once.view", options.onceView());
      properties.put("slurmscope.once.format", options.format());
      properties.put(
          "slurmscope.once.timeoutSeconds", Long.toString(options.timeout().toSeconds()));
    }
    return properties;
  }

  /**
   * Sends {@code System.out} and {@code System.err} to the log file, so that nothing the framework
   * or a library prints reaches the terminal the console draws on.
   */
  private static void redirectOutput(Path logFile) throws IOException {
    Files.createDirectories(logFile.getParent());
    PrintStream log =
        new PrintStream(new FileOutputStream(logFile.toFile(), true), true, StandardCharsets.UTF_8);
    System.setOut(log);
    System.setErr(log);
  }

  private static Path home() {
    String home = System.getProperty("slurmscope.home");
    if (home == null || home.isBlank()) {
      throw new IllegalStateException(
          "system property slurmscope.home is not set: start slurmscope with bin/slurmscope");
    }
    return Path.of(home).toAbsolutePath().normalize();
  }

  static Properties version() {
    Properties properties = new Properties();
    try (InputStream in = Main.class.getResourceAsStream("version.properties")) {
      if (in != null) {
        properties.load(in);
      }
    } catch (IOException e) {
      // The version is informational; "unknown" below is shown instead.
    }
    properties.putIfAbsent("version", "unknown");
    return properties;
  }

  /** Creates a folder; a read-only distribution simply has no site plugins folder. */
  private static void createIfPossible(Path dir) {
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      System.err.println("Plugin folder " + dir + " is not available: " + e);
    }
  }

  private static void removeHook(Thread hook) {
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException e) {
      // The JVM is already shutting down and runs the hook itself.
    }
  }

  private static void deleteTree(Path root) {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    } catch (IOException e) {
      System.err.println("Could not remove the framework cache " + root + ": " + e);
    }
  }
}
