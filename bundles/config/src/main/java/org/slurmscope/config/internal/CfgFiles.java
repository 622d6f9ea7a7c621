package org.slurmscope.config.internal;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Pattern;

/** Reading and writing the {@code <pid>.cfg} files of the configuration folders. */
final class CfgFiles {

  static final String SUFFIX = ".cfg";

  /** Matches a line that sets the enabled key, in any of the separators Properties accepts. */
  private static final Pattern ENABLED_LINE = Pattern.compile("^\\s*enabled\\s*[=:\\s].*$");

  private CfgFiles() {}

  /** Returns the PID a file configures: its name without {@code .cfg}. */
  static String pid(Path file) {
    String name = file.getFileName().toString();
    return name.substring(0, name.length() - SUFFIX.length());
  }

  /**
   * Reads a file in Java properties syntax (UTF-8); values are stripped of surrounding blanks.
   *
   * @throws IOException when the file cannot be read
   */
  static Map<String, String> read(Path file) throws IOException {
    Properties properties = new Properties();
    try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      properties.load(reader);
    }
    Map<String, String> values = new LinkedHashMap<>();
    for (String key : properties.stringPropertyNames()) {
      values.put(key.strip(), properties.getProperty(key).strip());
    }
    return values;
  }

  /**
   * Sets {@code enabled} in a file's text, replacing an existing line or adding one, and keeps
   * every other line and comment as it was.
   */
  static String withEnabled(String text, boolean enabled) {
    List<String> lines = new ArrayList<>(text.lines().toList());
    String line = "enabled = " + enabled;
    boolean replaced = false;
    for (int i = 0; i < lines.size(); i++) {
      if (ENABLED_LINE.matcher(lines.get(i)).matches()) {
        lines.set(i, line);
        replaced = true;
      }
    }
    if (!replaced) {
      lines.add(line);
    }
    return String.join("\n", lines) + "\n";
  }

  /** Writes a file through a temporary file and a rename, so a watcher never reads half of it. */
  static void writeAtomically(Path file, String text) throws IOException {
    Files.createDirectories(file.getParent());
    Path temporary = Files.createTempFile(file.getParent(), ".slurmscope-", ".tmp");
    try {
      Files.writeString(temporary, text, StandardCharsets.UTF_8);
      Files.move(
          temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(temporary);
    }
  }
}
