package org.slurmscope.itests;

import aQute.bnd.osgi.Builder;
import aQute.bnd.osgi.Constants;
import aQute.bnd.osgi.Jar;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slurmscope.itests.hello.HelloViewActivator;

/**
 * Builds the plugin bundle of the hot deploy test with bnd, the way a third party would build one:
 * the compiled classes of {@code org.slurmscope.itests.hello}, and imports that bnd computes
 * against the product's API bundle. Runs in the test driver, outside the framework.
 */
final class HelloBundle {

  static final String SYMBOLIC_NAME = "org.slurmscope.itests.hello";

  private HelloBundle() {}

  /**
   * Writes the bundle to a file.
   *
   * @throws IOException when the file cannot be written or bnd reports an error
   */
  static Path build(Path file) throws IOException {
    try (Builder builder = new Builder()) {
      builder.setProperty(Constants.BUNDLE_SYMBOLICNAME, SYMBOLIC_NAME);
      builder.setProperty(Constants.BUNDLE_VERSION, "1.0.0");
      builder.setProperty(Constants.BUNDLE_ACTIVATOR, HelloViewActivator.class.getName());
      builder.setProperty(Constants.PRIVATEPACKAGE, HelloViewActivator.class.getPackageName());
      builder.addClasspath(classesFolder().toFile());
      builder.addClasspath(apiBundle().toFile());
      Jar jar = builder.build();
      if (!builder.isOk()) {
        throw new IOException("bnd could not build " + SYMBOLIC_NAME + ": " + builder.getErrors());
      }
      Files.createDirectories(file.getParent());
      jar.write(file.toFile());
      return file;
    } catch (IOException e) {
      throw e;
    } catch (Exception e) {
      throw new IOException("bnd could not build " + SYMBOLIC_NAME, e);
    }
  }

  private static Path classesFolder() throws IOException {
    try {
      return Path.of(
          HelloViewActivator.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    } catch (URISyntaxException e) {
      throw new IOException("cannot locate the compiled test classes", e);
    }
  }

  /** Returns the API bundle of the distribution, which exports the packages the view imports. */
  private static Path apiBundle() throws IOException {
    Path bundles = ProductOptions.distribution().resolve("bundles");
    try (DirectoryStream<Path> jars = Files.newDirectoryStream(bundles, "slurmscope-api-*.jar")) {
      for (Path jar : jars) {
        return jar;
      }
    }
    throw new IOException("no slurmscope-api jar in " + bundles);
  }
}
