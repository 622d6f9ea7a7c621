package org.slurmscope.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FeatureBundlesTest {

  private static final String REPOSITORY =
      """
      <features xmlns="http://karaf.apache.org/xmlns/features/v1.6.0" name="test">
        <feature name="base" version="1">
          <bundle start-level="1">mvn:org.apache.felix/org.apache.felix.scr/2.2.18</bundle>
        </feature>
        <feature name="product" version="1">
          <feature>base</feature>
          <bundle start-level="2">mvn:org.slurmscope/slurmscope-api/0.1.0-SNAPSHOT</bundle>
          <bundle>mvn:org.apache.felix/org.apache.felix.scr/2.2.18</bundle>
        </feature>
        <feature name="loop" version="1"><feature>loop</feature></feature>
      </features>
      """;

  @TempDir Path dir;

  @Test
  void includedFeatureBundlesComeFirstAndOnce() throws IOException {
    List<FeatureBundles.BundleEntry> bundles = FeatureBundles.resolve(write(), "product", dir);

    assertThat(bundles)
        .extracting(FeatureBundles.BundleEntry::file)
        .containsExactly(
            dir.resolve("org.apache.felix.scr-2.2.18.jar"),
            dir.resolve("slurmscope-api-0.1.0-SNAPSHOT.jar"));
    assertThat(bundles).extracting(FeatureBundles.BundleEntry::startLevel).containsExactly(1, 2);
  }

  @Test
  void unknownFeatureRejected() {
    assertThatThrownBy(() -> FeatureBundles.resolve(write(), "missing", dir))
        .hasMessageContaining("'missing'");
  }

  @Test
  void featureCycleRejected() {
    assertThatThrownBy(() -> FeatureBundles.resolve(write(), "loop", dir))
        .hasMessageContaining("cycle");
  }

  @Test
  void nonMavenLocationRejected() {
    assertThatThrownBy(() -> FeatureBundles.jarFor("file:/tmp/x.jar", dir))
        .hasMessageContaining("not an mvn: URL");
  }

  private Path write() throws IOException {
    Path file = dir.resolve("features.xml");
    Files.writeString(file, REPOSITORY);
    return file;
  }
}
