package org.slurmscope.api.metrics;

/**
 * Names of the per-node metrics that metric sources provide and overlays request. Results of these
 * metrics are keyed by SLURM node name.
 */
public final class NodeMetrics {

  /** Busy CPU time of the node as a percentage of all its CPUs, 0 to 100. */
  public static final String CPU_PERCENT = "node.cpu.percent";

  /** Memory in use (total minus available) as a percentage of total memory, 0 to 100. */
  public static final String MEMORY_PERCENT = "node.memory.percent";

  /** The one-minute load average as the node's kernel reports it. */
  public static final String LOAD1 = "node.load1";

  /**
   * The five-minute load average.
   *
   * @since 1.1.0
   */
  public static final String LOAD5 = "node.load5";

  /**
   * The fifteen-minute load average.
   *
   * @since 1.1.0
   */
  public static final String LOAD15 = "node.load15";

  /**
   * Bytes read from the node's disks per second, summed over its disks.
   *
   * @since 1.1.0
   */
  public static final String DISK_READ_BYTES_PER_SECOND = "node.disk.read.bytes.per.second";

  /**
   * Bytes written to the node's disks per second, summed over its disks.
   *
   * @since 1.1.0
   */
  public static final String DISK_WRITE_BYTES_PER_SECOND = "node.disk.write.bytes.per.second";

  /**
   * Bytes received per second, summed over the node's network devices except loopback.
   *
   * @since 1.1.0
   */
  public static final String NETWORK_RECEIVE_BYTES_PER_SECOND =
      "node.network.receive.bytes.per.second";

  /**
   * Bytes transmitted per second, summed over the node's network devices except loopback.
   *
   * @since 1.1.0
   */
  public static final String NETWORK_TRANSMIT_BYTES_PER_SECOND =
      "node.network.transmit.bytes.per.second";

  /**
   * The hottest hardware monitor sensor of the node in degrees Celsius; absent on nodes without
   * hwmon sensors.
   *
   * @since 1.1.0
   */
  public static final String TEMPERATURE_CELSIUS = "node.temperature.celsius";

  /**
   * Space in use on the node's fullest file system, as a percentage of its size, 0 to 100.
   *
   * @since 1.1.0
   */
  public static final String FILESYSTEM_PERCENT = "node.filesystem.percent";

  /**
   * 1 when every scrape target of the node answered its latest scrape, 0 when at least one did not.
   * Each target's own {@code up} series is in the result's explanation, so a cell can say which
   * exporter is down.
   *
   * @since 1.1.0
   */
  public static final String UP = "node.up";

  private NodeMetrics() {}
}
