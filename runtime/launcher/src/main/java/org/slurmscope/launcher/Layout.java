package org.slurmscope.launcher;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Where the distribution, the configuration and plugin folders and the log file are.
 *
 * @param home the distribution folder (bin, bundles, config, etc)
 * @param configDirs the configuration folders, lowest precedence first; the last is the user's
 * @param userConfigDir the user's configuration folder, where console toggles are written
 * @param pluginDirs the folders whose bundles are installed while the console runs
 * @param logFile the log file
 */
record Layout(
    Path home, List<Path> configDirs, Path userConfigDir, List<Path> pluginDirs, Path logFile) {

  Layout {
    configDirs = List.copyOf(configDirs);
    pluginDirs = List.copyOf(pluginDirs);
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
   * user folder is {@code $XDG_CONFIG_HOME/slurmscope}, or its {@code demo} subfolder with {@code
   * --demo}, so that demo toggles never reach the real configuration. Plugins come from the
   * distribution's {@code plugins} folder and {@code $XDG_DATA_HOME/slurmscope/plugins}. The log
   * goes to {@code $XDG_STATE_HOME/slurmscope/slurmscope.log}.
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
    if (options.demo()) {
      userConfig = userConfig.resolve("demo");
    }
    configDirs.add(userConfig);
    Path dataDir = xdg(env, "XDG_DATA_HOME", userHome.resolve(".local").resolve("share"));
    List<Path> pluginDirs =
        List.of(home.resolve("plugins"), dataDir.resolve("slurmscope").resolve("plugins"));
    Path stateDir = xdg(env, "XDG_STATE_HOME", userHome.resolve(".local").resolve("state"));
    return new Layout(
        home,
        configDirs,
        userConfig,
        pluginDirs,
        stateDir.resolve("slurmscope").resolve("slurmscope.log"));
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
