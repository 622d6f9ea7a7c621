package org.slurmscope.slurm.cli.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

/** Writes small shell scripts that stand in for Slurm's commands in tests. */
final class Scripts {

  private Scripts() {}

  /** Writes an executable {@code /bin/sh} script with the given body and returns its path. */
  static Path write(Path folder, String name, String body) throws IOException {
    Path script = folder.resolve(name);
    Files.writeString(script, "#!/bin/sh\n" + body + "\n", StandardCharsets.UTF_8);
    Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
    return script;
  }

  /** Returns the file of a test resource, for a script to print with cat. */
  static Path resource(String name) {
    URL url = Scripts.class.getClassLoader().getResource(name);
    if (url == null) {
      throw new IllegalArgumentException("test resource not found: " + name);
    }
    try {
      return Path.of(url.toURI());
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException(e);
    }
  }

  /** Returns a line that appends the script's arguments to {@code log}, one call a line. */
  static String logArguments(Path log) {
    return "echo \"$*\" >> '" + log + "'";
  }

  /** Returns the calls logged by {@link #logArguments}, each as its argument line. */
  static List<String> calls(Path log) {
    try {
      return Files.exists(log) ? Files.readAllLines(log) : List.of();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
