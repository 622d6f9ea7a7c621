package org.slurmscope.launcher;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;
import java.util.stream.Collectors;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.Constants;
import org.osgi.framework.FrameworkEvent;
import org.osgi.framework.launch.Framework;
import org.osgi.framework.launch.FrameworkFactory;
import org.osgi.framework.startlevel.BundleStartLevel;

/** Starts Felix with the product's bundles, and stops it when the console asks to exit. */
final class FelixRunner {

  /** Service property of the exit handler the console calls with the process exit code. */
  static final String EXIT_PROPERTY = "slurmscope.exit";

  private static final Duration START_WAIT = Duration.ofSeconds(60);
  private static final Duration STOP_WAIT = Duration.ofSeconds(10);

  private final Framework framework;
  private final AtomicInteger exitCode = new AtomicInteger(0);
  private final CountDownLatch started = new CountDownLatch(1);

  private FelixRunner(Framework framework) {
    this.framework = framework;
  }

  /**
   * Creates and initialises the framework with the given properties and installs the bundles at
   * their start levels, without starting anything yet.
   */
  static FelixRunner install(
      Map<String, String> properties, List<FeatureBundles.BundleEntry> bundles)
      throws BundleException, IOException {
    FrameworkFactory factory =
        ServiceLoader.load(FrameworkFactory.class)
            .findFirst()
            .orElseThrow(() -> new IllegalStateException("no OSGi framework on the class path"));
    Framework framework = factory.newFramework(new HashMap<>(properties));
    framework.init();
    FelixRunner runner = new FelixRunner(framework);
    BundleContext context = framework.getBundleContext();
    context.addFrameworkListener(runner::frameworkEvent);
    for (FeatureBundles.BundleEntry entry : bundles) {
      runner.installOne(context, entry);
    }
    return runner;
  }

  private void installOne(BundleContext context, FeatureBundles.BundleEntry entry)
      throws BundleException, IOException {
    Path file = entry.file();
    if (!Files.isRegularFile(file)) {
      throw new IOException(
          "bundle "
              + entry.location()
              + " is missing: expected "
              + file
              + "; rebuild the distribution with mvn package");
    }
    Bundle bundle;
    try (InputStream in = Files.newInputStream(file)) {
      bundle = context.installBundle(file.toUri().toString(), in);
    }
    bundle.adapt(BundleStartLevel.class).setStartLevel(entry.startLevel());
    if (bundle.getHeaders().get(Constants.FRAGMENT_HOST) == null) {
      bundle.start(Bundle.START_ACTIVATION_POLICY);
    }
  }

  /**
   * Registers the exit handler, starts the framework and waits until every start level is reached.
   *
   * @throws IllegalStateException when the framework does not reach its start level in time
   */
  void start() throws BundleException, InterruptedException {
    BundleContext context = framework.getBundleContext();
    Hashtable<String, Object> exitProperties = new Hashtable<>();
    exitProperties.put(EXIT_PROPERTY, Boolean.TRUE);
    context.registerService(IntConsumer.class, this::requestExit, exitProperties);
    framework.start();
    if (!started.await(START_WAIT.toSeconds(), TimeUnit.SECONDS)) {
      throw new IllegalStateException(
          "the OSGi framework did not start within " + START_WAIT.toSeconds() + " s");
    }
  }

  /** Lists bundles that are not active, as "name (state)", for the log. */
  String inactiveBundles() {
    return List.of(framework.getBundleContext().getBundles()).stream()
        .filter(bundle -> bundle.getState() != Bundle.ACTIVE)
        .filter(bundle -> bundle.getHeaders().get(Constants.FRAGMENT_HOST) == null)
        .map(bundle -> bundle.getSymbolicName() + " (state " + bundle.getState() + ")")
        .collect(Collectors.joining(", "));
  }

  /**
   * Waits for the framework to stop, for at most the given time (zero waits forever).
   *
   * @return true when it stopped
   */
  boolean awaitStop(Duration wait) throws InterruptedException {
    FrameworkEvent event = framework.waitForStop(wait.toMillis());
    return event.getType() != FrameworkEvent.WAIT_TIMEDOUT;
  }

  /** Stops the framework and waits for it, bounded. */
  void stop() {
    try {
      if ((framework.getState() & (Bundle.ACTIVE | Bundle.STARTING)) != 0) {
        framework.stop();
      }
      framework.waitForStop(STOP_WAIT.toMillis());
    } catch (BundleException e) {
      System.err.println("Stopping the OSGi framework failed: " + e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  int exitCode() {
    return exitCode.get();
  }

  /** Called by the console with the exit code; stops the framework off the caller's thread. */
  private void requestExit(int code) {
    exitCode.set(code);
    Thread stopper = new Thread(this::stop, "slurmscope-exit");
    stopper.setDaemon(false);
    stopper.start();
  }

  private void frameworkEvent(FrameworkEvent event) {
    switch (event.getType()) {
      case FrameworkEvent.STARTED -> started.countDown();
      case FrameworkEvent.ERROR -> {
        String bundle =
            event.getBundle() == null ? "framework" : event.getBundle().getSymbolicName();
        System.err.println("OSGi error in " + bundle + ": " + event.getThrowable());
      }
      default -> {
        // Warnings and information go to the log through the framework's own logger.
      }
    }
  }
}
