package org.slurmscope.launcher;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Where the distribution, the configuration folders and the log file are.
 *
 * @param home the distribution folder (bin, bundles, config, etc)
 * @param configDirs the folders FileInstall watches, lowest precedence first
 * @param logFile the log file
 */
record Layout(Path home, List<Path> configDirs, Path logFile) {

  Layout {
    configDirs = List.copyOf(configDirs);
  }

  Path bundlesDir() {
    return home.resolve("bundles");
  }

  Path featuresFile() {
    return home.resolve("etc").resolve("features.xml");
  }

  /**
   * Works out the folders from the options and the environment. The site folder is {@code --config
   * DIR}, else the distribution's {@code config} (its {@code config/demo} with {@code --demo}). The
   * user folder {@code $XDG_CONFIG_HOME/slurmscope} is added when it exists, except with {@code
   * --demo}, whose configuration is self-contained. The log goes to {@code
   * $XDG_STATE_HOME/slurmscope/slurmscope.log}.
   */
  static Layout of(Path home, LaunchOptions options, Map<String, String> env) {
    Path userHome = Path.of(System.getProperty("user.home"));
    List<Path> configDirs = new ArrayList<>();
    if (options.configDir() != null) {
      configDirs.add(options.configDir().toAbsolutePath().normalize());
    } else if (options.demo()) {
      configDirs.add(home.resolve("config").resolve("demo"));
    } else {
      configDirs.add(home.resolve("config"));
    }
    Path userConfig =
        xdg(env, "XDG_CONFIG_HOME", userHome.resolve(".config")).resolve("slurmscope");
    if (!options.demo() && Files.isDirectory(userConfig)) {
      configDirs.add(userConfig);
    }
    Path stateDir = xdg(env, "XDG_STATE_HOME", userHome.resolve(".local").resolve("state"));
    return new Layout(home, configDirs, stateDir.resolve("slurmscope").resolve("slurmscope.log"));
  }

  /** Returns an XDG base folder: the variable when it holds an absolute path, else the default. */
  private static Path xdg(Map<String, String> env, String variable, Path fallback) {
    String value = env.get(variable);
    if (value == null || value.isBlank() || !Path.of(value).isAbsolute()) {
      return fallback;
    }
    return Path.of(value);
  }
}
