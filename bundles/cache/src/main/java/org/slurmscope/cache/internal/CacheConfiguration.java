package org.slurmscope.cache.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Configuration of the metric cache, PID {@code org.slurmscope.cache}. */
@ObjectClassDefinition(
    id = CacheConfiguration.PID,
    name = "slurmscope metric cache",
    description = "Time to live per metric, refresh ahead of expiry, memory bound and history")
@interface CacheConfiguration {

  /** Name of the configuration PID, for messages. */
  String PID = "org.slurmscope.cache";

  @AttributeDefinition(description = "Seconds a metric result is used before it is loaded again.")
  int ttlSeconds() default 15;

  @AttributeDefinition(
      description =
          "Time to live of single metrics, as metric=seconds pairs separated by commas, such as"
              + " job.memory.peak.bytes=60.")
  String metricTtlSeconds() default "";

  @AttributeDefinition(
      description =
          "Percent of the time to live after which a result that is still read is loaded again in"
              + " the background; 0 turns refreshing ahead off.")
  int refreshAheadPercent() default 80;

  @AttributeDefinition(description = "Memory bound of results and histories, in bytes.")
  long maxBytes() default 67_108_864L;

  @AttributeDefinition(description = "Minutes of history kept per key; 0 keeps none.")
  int historyMinutes() default 60;

  @AttributeDefinition(description = "Seconds per history point.")
  int historyStepSeconds() default 60;
}
