package org.slurmscope.config.internal;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import org.apache.felix.fileinstall.ArtifactInstaller;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;

/**
 * Turns the {@code .cfg} files that FileInstall finds in the configuration folders into ConfigAdmin
 * configurations, applying the folders' precedence: for each PID the file of the highest folder
 * wins as a whole (the user's over the site's). FileInstall keeps watching and calls this installer
 * on every change; its own configuration installer never sees these files because this one ranks
 * higher.
 *
 * <p>A file {@code a.b-c.cfg} is the factory configuration {@code a.b} named {@code c}.
 */
@Component(
    service = ArtifactInstaller.class,
    property = Constants.SERVICE_RANKING + ":Integer=1000")
public final class FolderConfigInstaller implements ArtifactInstaller {

  /** Property FileInstall sets on the configurations it manages; kept for tools that read it. */
  static final String FILENAME_PROPERTY = "felix.fileinstall.filename";

  @Reference(service = LoggerFactory.class)
  private Logger logger;

  @Reference private ConfigurationAdmin configurationAdmin;

  private ConfigFolders folders;

  @Activate
  void activate(BundleContext context) {
    folders =
        ConfigFolders.parse(
            context.getProperty(ConfigFolders.DIRS_PROPERTY),
            context.getProperty(ConfigFolders.USER_DIR_PROPERTY));
  }

  @Override
  public boolean canHandle(File artifact) {
    return folders.contains(artifact.toPath());
  }

  @Override
  public void install(File artifact) {
    apply(CfgFiles.pid(artifact.toPath()));
  }

  @Override
  public void update(File artifact) {
    apply(CfgFiles.pid(artifact.toPath()));
  }

  @Override
  public void uninstall(File artifact) {
    apply(CfgFiles.pid(artifact.toPath()));
  }

  /** Applies the merged files of a PID, or removes the configuration when no file is left. */
  void apply(String pid) {
    try {
      List<Path> files = folders.files(pid);
      if (files.isEmpty()) {
        delete(pid);
      } else {
        update(pid, files);
      }
    } catch (IOException | InvalidSyntaxException | RuntimeException e) {
      logger.error("Applying the configuration files of {} failed: {}", pid, e.toString(), e);
    }
  }

  private void update(String pid, List<Path> files) throws IOException {
    Dictionary<String, Object> properties = new Hashtable<>();
    for (Path file : files) {
      CfgFiles.read(file).forEach(properties::put);
    }
    // The file of highest precedence names the configuration in messages.
    Path top = files.get(files.size() - 1);
    properties.put(FILENAME_PROPERTY, top.toUri().toString());
    Configuration configuration = configuration(pid);
    if (configuration.updateIfDifferent(properties)) {
      logger.info("Configuration {} now comes from {}", pid, files);
    }
  }

  private void delete(String pid) throws IOException, InvalidSyntaxException {
    Configuration[] existing =
        configurationAdmin.listConfigurations(
            "(|("
                + Constants.SERVICE_PID
                + "="
                + pid
                + ")("
                + Constants.SERVICE_PID
                + "="
                + factoryPid(pid)
                + "~"
                + factoryName(pid)
                + "))");
    if (existing == null) {
      return;
    }
    for (Configuration configuration : existing) {
      configuration.delete();
      logger.info("Configuration {} removed: no file is left for it", pid);
    }
  }

  private Configuration configuration(String pid) throws IOException {
    int dash = pid.indexOf('-');
    if (dash < 0) {
      return configurationAdmin.getConfiguration(pid, "?");
    }
    return configurationAdmin.getFactoryConfiguration(factoryPid(pid), factoryName(pid), "?");
  }

  private static String factoryPid(String pid) {
    int dash = pid.indexOf('-');
    return dash < 0 ? pid : pid.substring(0, dash);
  }

  private static String factoryName(String pid) {
    int dash = pid.indexOf('-');
    return dash < 0 ? "" : pid.substring(dash + 1);
  }
}
