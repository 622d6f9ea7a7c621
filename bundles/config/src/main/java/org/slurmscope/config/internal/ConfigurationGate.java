package org.slurmscope.config.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Dictionary;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceReference;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.cm.ConfigurationEvent;
import org.osgi.service.cm.ConfigurationListener;
import org.osgi.service.cm.ConfigurationPlugin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;
import org.slurmscope.api.config.ConfigurationProblem;
import org.slurmscope.api.config.ConfigurationStatus;
import org.slurmscope.api.config.ConfigurationValidator;

/**
 * Sits between ConfigAdmin and every slurmscope component (PIDs under {@code org.slurmscope.}) as a
 * ConfigAdmin plugin, so that components only ever see values in force:
 *
 * <ul>
 *   <li>{@code enabled=false} becomes the Declarative Services 1.5 property {@code
 *       osgi.ds.satisfying.condition.target} pointing at a condition that no bundle registers,
 *       which deactivates the component without any code in it, and {@code enabled=true} removes
 *       it;
 *   <li>values that the PID's {@link ConfigurationValidator} rejects are replaced by the last good
 *       values; with none, the component is held inactive by the same condition. The rejection is
 *       listed in {@link #problems()} until valid values arrive.
 * </ul>
 *
 * It must be registered before FileInstall delivers the first configuration, so its bundle starts
 * at start level 1.
 */
@Component(
    service = {ConfigurationPlugin.class, ConfigurationStatus.class, ConfigurationListener.class},
    property = ConfigurationPlugin.CM_RANKING + ":Integer=500")
public final class ConfigurationGate
    implements ConfigurationPlugin, ConfigurationStatus, ConfigurationListener {

  static final String PREFIX = "org.slurmscope.";
  static final String CONDITION_TARGET = "osgi.ds.satisfying.condition.target";
  static final String DISABLED = "(osgi.condition.id=slurmscope.disabled)";
  static final String INVALID = "(osgi.condition.id=slurmscope.invalid)";

  @Reference(service = LoggerFactory.class)
  private Logger logger;

  @Reference private ConfigurationAdmin configurationAdmin;

  private final Map<String, ConfigurationValidator> validators = new ConcurrentHashMap<>();
  private final Map<String, Map<String, Object>> lastGood = new ConcurrentHashMap<>();
  private final Map<String, ConfigurationProblem> problems = new ConcurrentHashMap<>();
  private final Map<String, Boolean> enabled = new ConcurrentHashMap<>();
  private final Clock clock = Clock.systemUTC();

  private ConfigFolders folders;

  @Activate
  void activate(BundleContext context) {
    folders =
        ConfigFolders.parse(
            context.getProperty(ConfigFolders.DIRS_PROPERTY),
            context.getProperty(ConfigFolders.USER_DIR_PROPERTY));
  }

  @Reference(
      cardinality = ReferenceCardinality.MULTIPLE,
      policy = ReferencePolicy.DYNAMIC,
      policyOption = ReferencePolicyOption.GREEDY)
  void bindValidator(ConfigurationValidator validator, Map<String, Object> properties) {
    Object pid = properties.get(ConfigurationValidator.PID_PROPERTY);
    if (pid == null) {
      logger.warn(
          "Validator {} has no {} property; it is ignored",
          validator,
          ConfigurationValidator.PID_PROPERTY);
      return;
    }
    validators.put(pid.toString(), validator);
    redeliver(pid.toString());
  }

  void unbindValidator(ConfigurationValidator validator, Map<String, Object> properties) {
    Object pid = properties.get(ConfigurationValidator.PID_PROPERTY);
    if (pid != null) {
      validators.remove(pid.toString(), validator);
    }
  }

  // --- ConfigurationPlugin: runs on every delivery of a configuration to a component.

  @Override
  public void modifyConfiguration(
      ServiceReference<?> reference, Dictionary<String, Object> properties) {
    String pid = pidOf(properties);
    if (pid == null || !pid.startsWith(PREFIX)) {
      return;
    }
    Map<String, Object> values = userValues(properties);
    String held = gate(pid, values, properties);
    boolean on = isTrue(values.get(ENABLED_KEY));
    enabled.put(pid, on);
    if (!on) {
      held = DISABLED;
    }
    if (held != null) {
      properties.put(CONDITION_TARGET, held);
    } else {
      properties.remove(CONDITION_TARGET);
    }
  }

  /**
   * Validates the values; returns the condition that keeps the component inactive, or null. Invalid
   * values are swapped for the last good ones in the dictionary.
   */
  private String gate(
      String pid, Map<String, Object> values, Dictionary<String, Object> properties) {
    ConfigurationValidator validator = validators.get(validationPid(pid));
    if (validator == null) {
      return null;
    }
    try {
      validator.validate(Collections.unmodifiableMap(values));
      lastGood.put(pid, Map.copyOf(values));
      if (problems.remove(pid) != null) {
        logger.info("Configuration {} is valid again", pid);
      }
      return null;
    } catch (IllegalArgumentException e) {
      // InvalidConfigurationException is the usual kind; any rule a validator breaks counts.
      Map<String, Object> good = lastGood.get(pid);
      recordProblem(pid, e.getMessage(), properties, good != null);
      if (good == null) {
        return INVALID;
      }
      replaceValues(properties, good);
      values.clear();
      values.putAll(good);
      return null;
    }
  }

  private void recordProblem(
      String pid, String message, Dictionary<String, Object> properties, boolean active) {
    Object file = properties.get(FolderConfigInstaller.FILENAME_PROPERTY);
    ConfigurationProblem previous = problems.get(pid);
    if (previous != null && previous.message().equals(message)) {
      return;
    }
    problems.put(
        pid,
        new ConfigurationProblem(
            pid, message, file == null ? "" : file.toString(), clock.instant(), active));
    logger.warn(
        "Configuration {} rejected{}: {}",
        pid,
        active ? ", the last good values stay in force" : ", the component stays inactive",
        message);
  }

  // --- ConfigurationListener: a deleted configuration takes its problem and switch with it.

  @Override
  public void configurationEvent(ConfigurationEvent event) {
    if (event.getType() == ConfigurationEvent.CM_DELETED) {
      String pid = event.getPid();
      problems.remove(pid);
      lastGood.remove(pid);
      enabled.remove(pid);
    }
  }

  // --- ConfigurationStatus

  @Override
  public List<ConfigurationProblem> problems() {
    List<ConfigurationProblem> list = new ArrayList<>(problems.values());
    list.sort((a, b) -> a.since().compareTo(b.since()));
    return list;
  }

  @Override
  public boolean isEnabled(String pid) {
    return enabled.getOrDefault(pid, Boolean.TRUE);
  }

  @Override
  public Path setEnabled(String pid, boolean on) throws IOException {
    if (folders.userFolder() == null) {
      throw new IOException(
          "no user configuration folder is set, so " + pid + " cannot be switched");
    }
    // Only the switch goes into the user's file: other keys keep coming from the site file.
    Path file = folders.userFolder().resolve(pid + CfgFiles.SUFFIX);
    String text = Files.isRegularFile(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
    CfgFiles.writeAtomically(file, CfgFiles.withEnabled(text, on));
    logger.info("{} switched {} in {}", pid, on ? "on" : "off", file);
    return file;
  }

  // --- helpers

  /** Re-delivers a PID's configuration so a validator that arrived late checks it. */
  private void redeliver(String pid) {
    try {
      org.osgi.service.cm.Configuration[] existing =
          configurationAdmin.listConfigurations(
              "(|(" + Constants.SERVICE_PID + "=" + pid + ")(service.factoryPid=" + pid + "))");
      if (existing == null) {
        return;
      }
      for (org.osgi.service.cm.Configuration configuration : existing) {
        Dictionary<String, Object> properties = configuration.getProperties();
        if (properties != null) {
          configuration.update(properties);
        }
      }
    } catch (IOException | org.osgi.framework.InvalidSyntaxException | RuntimeException e) {
      logger.warn("Re-checking configuration {} failed: {}", pid, e.toString());
    }
  }

  /** Factory configurations ({@code a.b~c}) are validated by the factory PID's validator. */
  private static String validationPid(String pid) {
    int tilde = pid.indexOf('~');
    return tilde < 0 ? pid : pid.substring(0, tilde);
  }

  private static String pidOf(Dictionary<String, Object> properties) {
    Object pid = properties.get(Constants.SERVICE_PID);
    return pid == null ? null : pid.toString();
  }

  /** Returns the values a user set, without the framework's own keys. */
  static Map<String, Object> userValues(Dictionary<String, Object> properties) {
    Map<String, Object> values = new HashMap<>();
    for (Enumeration<String> keys = properties.keys(); keys.hasMoreElements(); ) {
      String key = keys.nextElement();
      if (!isFrameworkKey(key)) {
        values.put(key, properties.get(key));
      }
    }
    return values;
  }

  private static void replaceValues(
      Dictionary<String, Object> properties, Map<String, Object> good) {
    List<String> remove = new ArrayList<>();
    for (Enumeration<String> keys = properties.keys(); keys.hasMoreElements(); ) {
      String key = keys.nextElement();
      if (!isFrameworkKey(key)) {
        remove.add(key);
      }
    }
    remove.forEach(properties::remove);
    good.forEach(properties::put);
  }

  static boolean isFrameworkKey(String key) {
    return key.startsWith("service.")
        || key.startsWith("felix.")
        || key.startsWith("component.")
        || key.equals(CONDITION_TARGET);
  }

  private static boolean isTrue(Object value) {
    return value == null || !value.toString().strip().equalsIgnoreCase("false");
  }
}
