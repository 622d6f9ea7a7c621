package org.slurmscope.config.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CfgFilesTest {

  @TempDir Path dir;

  @Test
  void enabledLineReplacedAndCommentsKept() {
    String text = "# refresh\nslurmRefreshSeconds = 30\nenabled=true\n";

    assertThat(CfgFiles.withEnabled(text, false))
        .isEqualTo("# refresh\nslurmRefreshSeconds = 30\nenabled = false\n");
  }

  @Test
  void enabledLineAddedWhenMissing() {
    assertThat(CfgFiles.withEnabled("", false)).isEqualTo("enabled = false\n");
    assertThat(CfgFiles.withEnabled("a = 1", true)).isEqualTo("a = 1\nenabled = true\n");
  }

  @Test
  void keyStartingWithEnabledIsNotTheSwitch() {
    assertThat(CfgFiles.withEnabled("enabledViews = a\n", false))
        .isEqualTo("enabledViews = a\nenabled = false\n");
  }

  @Test
  void readStripsValues() throws IOException {
    Path file = dir.resolve("org.slurmscope.state.cfg");
    Files.writeString(file, "# comment\nslurmRefreshSeconds =  5  \nurl = http://h:9090\n");

    assertThat(CfgFiles.read(file))
        .containsEntry("slurmRefreshSeconds", "5")
        .containsEntry("url", "http://h:9090")
        .hasSize(2);
  }

  @Test
  void pidIsFileNameWithoutSuffix() {
    assertThat(CfgFiles.pid(Path.of("/x/org.slurmscope.cluster-prod.cfg")))
        .isEqualTo("org.slurmscope.cluster-prod");
  }

  @Test
  void foldersListFilesLowestFirst() throws IOException {
    Path site = Files.createDirectories(dir.resolve("site"));
    Path user = Files.createDirectories(dir.resolve("user"));
    Files.writeString(site.resolve("p.cfg"), "a = 1\n");
    Files.writeString(user.resolve("p.cfg"), "a = 2\n");
    ConfigFolders folders = new ConfigFolders(List.of(site, user), user);

    assertThat(folders.files("p")).containsExactly(site.resolve("p.cfg"), user.resolve("p.cfg"));
    assertThat(folders.files("q")).isEmpty();
    assertThat(folders.contains(user.resolve("p.cfg"))).isTrue();
    assertThat(folders.contains(dir.resolve("p.cfg"))).isFalse();
    assertThat(folders.contains(user.resolve("p.jar"))).isFalse();
  }
}
