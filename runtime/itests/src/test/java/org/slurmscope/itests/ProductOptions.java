package org.slurmscope.itests;

import static org.ops4j.pax.exam.CoreOptions.bundle;
import static org.ops4j.pax.exam.CoreOptions.frameworkProperty;
import static org.ops4j.pax.exam.CoreOptions.junitBundles;
import static org.ops4j.pax.exam.CoreOptions.systemPackage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.JarFile;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.ops4j.pax.exam.Option;
import org.osgi.framework.Constants;
import org.slurmscope.launcher.FeatureBundles;

/**
 * Builds the Pax Exam options that start the product in a Felix framework the way {@code
 * bin/slurmscope} does: exactly the bundles of the distribution's feature repository at their start
 * levels, and the launcher's framework properties, with FileInstall watching folders that the test
 * class owns. Runs in the test driver, outside the framework.
 *
 * <p>Left out on purpose: {@code slurmscope.ui}, so the console component starts no terminal UI and
 * prints nothing, and the launcher's exit handler service. The framework storage and start level
 * are Pax Exam's: it raises the framework to level 5 to install the test probe after the product.
 */
final class ProductOptions {

  /**
   * Framework property listing the product's bundles as {@code level|file URI}, comma separated.
   */
  static final String PRODUCT_BUNDLES = "slurmscope.itests.product.bundles";

  /** Framework property naming the site configuration folder FileInstall watches. */
  static final String SITE_DIR = "slurmscope.itests.site.dir";

  /** Framework property naming the plugins folder FileInstall watches. */
  static final String PLUGINS_DIR = "slurmscope.itests.plugins.dir";

  /** The feature the launcher installs. */
  private static final String FEATURE = "slurmscope";

  private ProductOptions() {}

  /** Returns the unpacked distribution that {@code mvn package} built. */
  static Path distribution() {
    Path home = Path.of(System.getProperty("slurmscope.dist", "missing")).toAbsolutePath();
    if (!Files.isRegularFile(home.resolve("etc/features.xml"))) {
      throw new IllegalStateException(
          "no distribution at "
              + home
              + " (system property slurmscope.dist): build it with mvn package first");
    }
    return home;
  }

  /**
   * Returns the options for one test class.
   *
   * @param testClass names the class's own work folder under {@code target/itests-work}, emptied
   *     first
   * @param siteFiles configuration files copied into the site folder before the framework starts
   * @param demo the value of the launcher's {@code slurmscope.demo} property
   */
  static Option[] forTest(Class<?> testClass, List<Path> siteFiles, boolean demo) {
    try {
      Path work = emptyFolder(workRoot().resolve(testClass.getSimpleName()));
      Path site = Files.createDirectories(work.resolve("site"));
      Path user = Files.createDirectories(work.resolve("user"));
      Path plugins = Files.createDirectories(work.resolve("plugins"));
      for (Path file : siteFiles) {
        Files.copy(file, site.resolve(file.getFileName()));
      }
      List<FeatureBundles.BundleEntry> product = productBundles();
      List<Option> options = new ArrayList<>();
      // Lanterna hears window resizes through sun.misc.Signal, loaded by reflection.
      options.add(systemPackage("sun.misc"));
      launcherProperties(site, user, plugins, work, demo)
          .forEach((key, value) -> options.add(frameworkProperty(key).value(value)));
      options.add(frameworkProperty(SITE_DIR).value(site.toString()));
      options.add(frameworkProperty(PLUGINS_DIR).value(plugins.toString()));
      options.add(frameworkProperty(PRODUCT_BUNDLES).value(describe(product)));
      for (FeatureBundles.BundleEntry entry : product) {
        options.add(
            bundle(entry.file().toUri().toString())
                .startLevel(entry.startLevel())
                .start(!isFragment(entry.file())));
      }
      for (Path helper : helperBundles()) {
        options.add(bundle(helper.toUri().toString()));
      }
      options.add(junitBundles());
      return options.toArray(Option[]::new);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Returns the launcher's framework properties, with this test's folders. */
  private static Map<String, String> launcherProperties(
      Path site, Path user, Path plugins, Path work, boolean demo) {
    Map<String, String> properties = new LinkedHashMap<>();
    properties.put("org.osgi.framework.storage.clean", "onFirstInit");
    properties.put("felix.log.level", "1");
    properties.put("ds.loglevel", "warn");
    properties.put("felix.fileinstall.dir", site + "," + user + "," + plugins);
    properties.put("slurmscope.config.dirs", site + "," + user);
    properties.put("slurmscope.config.user.dir", user.toString());
    properties.put("felix.fileinstall.start.level", "2");
    properties.put("felix.fileinstall.poll", "500");
    properties.put("felix.fileinstall.noInitialDelay", "true");
    properties.put("felix.fileinstall.filter", ".*\\.(cfg|jar)");
    properties.put("felix.fileinstall.log.level", "2");
    properties.put("felix.fileinstall.enableConfigSave", "false");
    properties.put("slurmscope.version", System.getProperty("slurmscope.itests.version", "dev"));
    properties.put("slurmscope.demo", Boolean.toString(demo));
    properties.put("slurmscope.log.file", work.resolve("slurmscope.log").toString());
    return properties;
  }

  private static List<FeatureBundles.BundleEntry> productBundles() throws IOException {
    Path home = distribution();
    List<FeatureBundles.BundleEntry> bundles =
        FeatureBundles.resolve(home.resolve("etc/features.xml"), FEATURE, home.resolve("bundles"));
    for (FeatureBundles.BundleEntry entry : bundles) {
      if (!Files.isRegularFile(entry.file())) {
        throw new IOException(
            "bundle " + entry.location() + " is missing from the distribution: " + entry.file());
      }
    }
    return bundles;
  }

  /** Returns the test-only bundles that the build copied next to the tests (AssertJ). */
  private static List<Path> helperBundles() throws IOException {
    Path folder = Path.of(System.getProperty("slurmscope.itests.helper.bundles", "missing"));
    if (!Files.isDirectory(folder)) {
      throw new IOException(
          "no helper bundles at "
              + folder
              + " (system property slurmscope.itests.helper.bundles): run the tests with mvn verify");
    }
    try (Stream<Path> files = Files.list(folder)) {
      return files.filter(file -> file.toString().endsWith(".jar")).sorted().toList();
    }
  }

  private static String describe(List<FeatureBundles.BundleEntry> bundles) {
    return bundles.stream()
        .map(entry -> entry.startLevel() + "|" + entry.file().toUri())
        .collect(Collectors.joining(","));
  }

  private static boolean isFragment(Path jar) throws IOException {
    try (JarFile file = new JarFile(jar.toFile())) {
      return file.getManifest().getMainAttributes().getValue(Constants.FRAGMENT_HOST) != null;
    }
  }

  private static Path workRoot() {
    return Path.of(System.getProperty("slurmscope.itests.work", "target/itests-work"))
        .toAbsolutePath();
  }

  private static Path emptyFolder(Path folder) throws IOException {
    if (Files.exists(folder)) {
      try (Stream<Path> paths = Files.walk(folder)) {
        for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
          Files.delete(path);
        }
      }
    }
    return Files.createDirectories(folder);
  }
}
