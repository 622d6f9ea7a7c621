package org.slurmscope.overlay.jobs.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Configuration of the job metric columns, PID {@code org.slurmscope.overlay.jobs}. */
@ObjectClassDefinition(
    id = JobOverlayConfiguration.PID,
    name = "slurmscope job metric columns",
    description = "Thresholds that colour the CPU%, MEM%, PEAK% and GPU% columns of the jobs view")
@interface JobOverlayConfiguration {

  /** Name of the configuration PID, for messages. */
  String PID = "org.slurmscope.overlay.jobs";

  @AttributeDefinition(
      description =
          "CPU use in percent of the allocated CPUs below which a running job shows as a warning"
              + " (allocated but idle), 0 to 100.")
  double cpuLowPercent() default 25;

  @AttributeDefinition(
      description =
          "Memory use in percent of the request from which a cell shows as a warning; at most"
              + " memoryCriticalPercent.")
  double memoryWarningPercent() default 80;

  @AttributeDefinition(
      description =
          "Memory use in percent of the request from which a cell shows as critical (the job is"
              + " close to being killed for memory).")
  double memoryCriticalPercent() default 95;

  @AttributeDefinition(
      description = "GPU utilisation in percent below which a GPU job shows as a warning.")
  double gpuLowPercent() default 25;
}
