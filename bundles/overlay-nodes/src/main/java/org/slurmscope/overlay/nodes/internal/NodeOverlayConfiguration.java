package org.slurmscope.overlay.nodes.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Configuration of the node metric columns, PID {@code org.slurmscope.overlay.nodes}. */
@ObjectClassDefinition(
    id = NodeOverlayConfiguration.PID,
    name = "slurmscope node metric columns",
    description = "Thresholds that colour the CPU%, MEM% and LOAD1 columns of the nodes view")
@interface NodeOverlayConfiguration {

  /** Name of the configuration PID, for messages. */
  String PID = "org.slurmscope.overlay.nodes";

  @AttributeDefinition(
      description =
          "Use in percent (0 to 100) from which a cell shows as a warning; at most"
              + " criticalPercent. LOAD1 is compared as load per CPU in percent.")
  double warningPercent() default 80;

  @AttributeDefinition(
      description =
          "Use in percent (0 to 100) from which a cell shows as critical; at least"
              + " warningPercent.")
  double criticalPercent() default 95;
}
