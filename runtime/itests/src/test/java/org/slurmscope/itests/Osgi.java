package org.slurmscope.itests;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.component.runtime.dto.ComponentConfigurationDTO;
import org.osgi.service.component.runtime.dto.ComponentDescriptionDTO;

/**
 * Access to the running framework for the tests: services, configurations, the component runtime's
 * view of every component, and waits for changes that arrive asynchronously. Runs inside the
 * framework, in the test probe.
 */
final class Osgi {

  /**
   * How long a change may take to arrive. FileInstall polls every 500 ms and ConfigAdmin delivers
   * on its own thread. Changes arrived in under a second in these tests, so the rest is room for a
   * loaded machine.
   */
  static final Duration TIMEOUT = Duration.ofSeconds(20);

  private static final Duration POLL = Duration.ofMillis(50);

  private final Class<?> testClass;

  /**
   * Creates the helper for a test class. Pax Exam also instantiates the class outside the framework
   * to read its configuration, so the bundle context is looked up on first use.
   */
  Osgi(Class<?> testClass) {
    this.testClass = testClass;
  }

  /** Returns the test probe's bundle context. */
  BundleContext context() {
    return FrameworkUtil.getBundle(testClass).getBundleContext();
  }

  /**
   * Waits until {@code probe} returns a value that {@code done} accepts and returns that value.
   * Exceptions from {@code probe} count as "not yet".
   *
   * @param description what is awaited, for the failure message
   * @throws AssertionError naming the description and the last value or exception after {@link
   *     #TIMEOUT}
   */
  static <T> T await(String description, Supplier<T> probe, Predicate<? super T> done) {
    return await(description, TIMEOUT, probe, done);
  }

  static <T> T await(
      String description, Duration timeout, Supplier<T> probe, Predicate<? super T> done) {
    long deadline = System.nanoTime() + timeout.toNanos();
    Object last = "(no value yet)";
    while (true) {
      try {
        T value = probe.get();
        if (done.test(value)) {
          return value;
        }
        last = value;
      } catch (RuntimeException e) {
        last = e;
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError(
            "timed out after "
                + timeout.toSeconds()
                + " s waiting for "
                + description
                + "; last: "
                + last);
      }
      sleep(POLL);
    }
  }

  /**
   * Waits like {@link #await(String, Supplier, Predicate)}, but returns the last value instead of
   * failing, so that the caller's assertions name what is still wrong.
   */
  static <T> T settle(String description, Supplier<T> probe, Predicate<? super T> done) {
    try {
      return await(description, probe, done);
    } catch (AssertionError e) {
      return probe.get();
    }
  }

  static void sleep(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
  }

  /** Returns every registered service of a type, highest ranking first. */
  <T> List<T> services(Class<T> type) {
    Collection<ServiceReference<T>> references;
    try {
      references = context().getServiceReferences(type, null);
    } catch (InvalidSyntaxException e) {
      throw new IllegalStateException(e);
    }
    List<ServiceReference<T>> sorted = new ArrayList<>(references);
    sorted.sort((a, b) -> b.compareTo(a));
    List<T> services = new ArrayList<>();
    for (ServiceReference<T> reference : sorted) {
      T service = context().getService(reference);
      if (service != null) {
        services.add(service);
      }
    }
    return services;
  }

  /** Returns the first service of a type that matches, if one is registered. */
  <T> Optional<T> service(Class<T> type, Predicate<? super T> which) {
    return services(type).stream().filter(which).findFirst();
  }

  /**
   * Waits for a service of a type.
   *
   * @param provider who provides it, for the failure message
   */
  <T> T awaitService(Class<T> type, String provider) {
    return await(
            type.getSimpleName() + " service from " + provider,
            () -> service(type, service -> true),
            Optional::isPresent)
        .orElseThrow();
  }

  ConfigurationAdmin configurationAdmin() {
    return awaitService(ConfigurationAdmin.class, "Apache Felix ConfigAdmin");
  }

  /**
   * Replaces the values of a configuration through ConfigAdmin, as editing its {@code .cfg} file
   * would: values are strings, and DS converts them to the component's types.
   */
  void configure(String pid, Map<String, String> values) {
    try {
      configurationAdmin().getConfiguration(pid, "?").update(new Hashtable<>(values));
    } catch (IOException e) {
      throw new UncheckedIOException("updating configuration " + pid + " failed", e);
    }
  }

  ServiceComponentRuntime componentRuntime() {
    return awaitService(ServiceComponentRuntime.class, "Apache Felix SCR");
  }

  /**
   * Returns the descriptions of the components of the product's bundles ({@code org.slurmscope.*}).
   */
  List<ComponentDescriptionDTO> productComponents() {
    ServiceComponentRuntime runtime = componentRuntime();
    return runtime.getComponentDescriptionDTOs().stream()
        .filter(description -> description.bundle.symbolicName.startsWith("org.slurmscope."))
        .toList();
  }

  /**
   * Returns the one configuration of a component, that is the instance SCR runs for it.
   *
   * @throws AssertionError when the component is not found or has no or several configurations
   */
  ComponentConfigurationDTO component(String name) {
    ServiceComponentRuntime runtime = componentRuntime();
    ComponentDescriptionDTO description =
        productComponents().stream()
            .filter(candidate -> candidate.name.equals(name))
            .findFirst()
            .orElseThrow(() -> new AssertionError("no component " + name + " in the product"));
    List<ComponentConfigurationDTO> configurations =
        List.copyOf(runtime.getComponentConfigurationDTOs(description));
    if (configurations.size() != 1) {
      throw new AssertionError(
          "component " + name + " has " + configurations.size() + " configurations, expected 1");
    }
    return configurations.get(0);
  }

  /** Returns the ids of the services of a type that are bound to a component's references. */
  static List<Long> boundServices(ComponentConfigurationDTO component, Class<?> type) {
    Set<String> references =
        Arrays.stream(component.description.references)
            .filter(reference -> reference.interfaceName.equals(type.getName()))
            .map(reference -> reference.name)
            .collect(Collectors.toSet());
    return Arrays.stream(component.satisfiedReferences)
        .filter(bound -> references.contains(bound.name))
        .flatMap(bound -> Arrays.stream(bound.boundServices))
        .map(service -> service.id)
        .toList();
  }

  /** Returns the name of a {@link Bundle} state, for messages. */
  static String bundleState(int state) {
    return switch (state) {
      case Bundle.INSTALLED -> "INSTALLED";
      case Bundle.RESOLVED -> "RESOLVED";
      case Bundle.STARTING -> "STARTING";
      case Bundle.STOPPING -> "STOPPING";
      case Bundle.ACTIVE -> "ACTIVE";
      case Bundle.UNINSTALLED -> "UNINSTALLED";
      default -> "state " + state;
    };
  }

  /** Returns the name of a {@link ComponentConfigurationDTO} state, for messages. */
  static String stateName(int state) {
    return switch (state) {
      case ComponentConfigurationDTO.UNSATISFIED_CONFIGURATION -> "UNSATISFIED_CONFIGURATION";
      case ComponentConfigurationDTO.UNSATISFIED_REFERENCE -> "UNSATISFIED_REFERENCE";
      case ComponentConfigurationDTO.SATISFIED -> "SATISFIED";
      case ComponentConfigurationDTO.ACTIVE -> "ACTIVE";
      case ComponentConfigurationDTO.FAILED_ACTIVATION -> "FAILED_ACTIVATION";
      default -> "state " + state;
    };
  }
}
