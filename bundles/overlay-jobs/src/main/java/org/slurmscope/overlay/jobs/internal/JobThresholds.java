package org.slurmscope.overlay.jobs.internal;

import java.util.Map;
import org.slurmscope.api.config.ConfigurationValues;
import org.slurmscope.api.config.InvalidConfigurationException;
import org.slurmscope.api.console.Tone;

/**
 * Validated values of {@link JobOverlayConfiguration}, which pick the tone of a job's use.
 *
 * @param cpuLowPercent CPU use below which a job is {@link Tone#WARNING}
 * @param memoryWarningPercent memory use from which a job is {@link Tone#WARNING}
 * @param memoryCriticalPercent memory use from which a job is {@link Tone#CRITICAL}
 * @param gpuLowPercent GPU utilisation below which a job is {@link Tone#WARNING}
 */
record JobThresholds(
    double cpuLowPercent,
    double memoryWarningPercent,
    double memoryCriticalPercent,
    double gpuLowPercent) {

  /**
   * Reads and checks the raw values of the PID.
   *
   * @throws InvalidConfigurationException naming the PID, the key, the value and the rule
   */
  static JobThresholds from(Map<String, Object> properties) {
    ConfigurationValues values = ConfigurationValues.of(JobOverlayConfiguration.PID, properties);
    double cpuLow = values.decimal("cpuLowPercent", 25, 0, 100);
    double memoryWarning = values.decimal("memoryWarningPercent", 80, 0, 100);
    double memoryCritical = values.decimal("memoryCriticalPercent", 95, 0, 100);
    double gpuLow = values.decimal("gpuLowPercent", 25, 0, 100);
    if (memoryWarning > memoryCritical) {
      throw new InvalidConfigurationException(
          JobOverlayConfiguration.PID,
          "memoryWarningPercent",
          values.string("memoryWarningPercent", "80"),
          "it must not be above memoryCriticalPercent=" + memoryCritical);
    }
    return new JobThresholds(cpuLow, memoryWarning, memoryCritical, gpuLow);
  }

  /** Returns WARNING for a job that keeps few of its CPUs busy, else GOOD. */
  Tone cpuTone(double percent) {
    return percent < cpuLowPercent ? Tone.WARNING : Tone.GOOD;
  }

  /** Returns GOOD, WARNING or CRITICAL as memory use approaches the request. */
  Tone memoryTone(double percent) {
    if (percent >= memoryCriticalPercent) {
      return Tone.CRITICAL;
    }
    return percent >= memoryWarningPercent ? Tone.WARNING : Tone.GOOD;
  }

  /** Returns WARNING for a job that keeps its GPUs mostly idle, else GOOD. */
  Tone gpuTone(double percent) {
    return percent < gpuLowPercent ? Tone.WARNING : Tone.GOOD;
  }
}
