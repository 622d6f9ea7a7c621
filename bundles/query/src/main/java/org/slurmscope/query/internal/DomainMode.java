package org.slurmscope.query.internal;

/** Rule that turns the host part of a label value into a SLURM node name. */
enum DomainMode {
  /** The host name as it is: {@code node01.cluster.example.org} stays whole. */
  KEEP("keep"),
  /** The host name without the configured domain suffix, where it ends with it. */
  STRIP_SUFFIX("strip-suffix"),
  /** The part before the first dot: {@code node01.cluster.example.org} becomes {@code node01}. */
  SHORT("short"),
  /**
   * The short host name with the configured domain suffix added, for clusters whose SLURM node
   * names are fully qualified while the exporters report short names.
   */
  ADD_SUFFIX("add-suffix");

  private final String configValue;

  DomainMode(String configValue) {
    this.configValue = configValue;
  }

  /** Returns the value that selects this mode in the configuration. */
  String configValue() {
    return configValue;
  }

  /** Returns the mode for a configuration value, or null when there is none. */
  static DomainMode fromConfigValue(String value) {
    for (DomainMode mode : values()) {
      if (mode.configValue.equals(value)) {
        return mode;
      }
    }
    return null;
  }
}
