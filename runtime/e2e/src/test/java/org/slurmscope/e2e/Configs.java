package org.slurmscope.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes site configuration folders that point slurmscope at one SLURM source. */
final class Configs {

  private Configs() {}

  /**
   * Writes a folder whose state configuration selects {@code source} and polls every 5 s, plus the
   * given files.
   *
   * @param files pairs of file name and content
   */
  static Path folder(Path dir, String source, String prometheusUrl, String... files)
      throws IOException {
    Files.createDirectories(dir);
    Files.writeString(
        dir.resolve("org.slurmscope.state.cfg"),
        "slurmRefreshSeconds = 5\nmetricRefreshSeconds = 5\n"
            + "slurmSource.target = (source="
            + source
            + ")\nmetricSource.target = (source=prometheus)\n");
    Files.writeString(
        dir.resolve("org.slurmscope.prometheus.cfg"), "url = " + prometheusUrl + "\n");
    for (int i = 0; i + 1 < files.length; i += 2) {
      Files.writeString(dir.resolve(files[i]), files[i + 1]);
    }
    return dir;
  }
}
