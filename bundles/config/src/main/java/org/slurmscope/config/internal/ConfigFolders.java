package org.slurmscope.config.internal;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The configuration folders in precedence order, lowest first: the site folder, then the user's.
 * Files of the same name are merged key by key, and a key in a later folder wins.
 *
 * @param folders the folders, lowest precedence first
 * @param userFolder the folder toggles are written to, or null when there is none
 */
record ConfigFolders(List<Path> folders, Path userFolder) {

  /** Framework property with the folders, comma separated, lowest precedence first. */
  static final String DIRS_PROPERTY = "slurmscope.config.dirs";

  /** Framework property with the user's folder. */
  static final String USER_DIR_PROPERTY = "slurmscope.config.user.dir";

  ConfigFolders {
    folders = folders.stream().map(folder -> folder.toAbsolutePath().normalize()).toList();
    userFolder = userFolder == null ? null : userFolder.toAbsolutePath().normalize();
  }

  /** Reads the folders from the framework properties the launcher sets. */
  static ConfigFolders parse(String dirs, String userDir) {
    List<Path> folders = new ArrayList<>();
    if (dirs != null) {
      for (String dir : dirs.split(",")) {
        if (!dir.isBlank()) {
          folders.add(Path.of(dir.strip()));
        }
      }
    }
    return new ConfigFolders(
        folders, userDir == null || userDir.isBlank() ? null : Path.of(userDir));
  }

  /** Returns true for a {@code .cfg} file directly inside one of the folders. */
  boolean contains(Path file) {
    Path absolute = file.toAbsolutePath().normalize();
    return absolute.getFileName().toString().endsWith(CfgFiles.SUFFIX)
        && folders.contains(absolute.getParent());
  }

  /** Returns the files of a PID that exist, lowest precedence first. */
  List<Path> files(String pid) {
    List<Path> files = new ArrayList<>();
    for (Path folder : folders) {
      Path file = folder.resolve(pid + CfgFiles.SUFFIX);
      if (Files.isRegularFile(file)) {
        files.add(file);
      }
    }
    return files;
  }
}
