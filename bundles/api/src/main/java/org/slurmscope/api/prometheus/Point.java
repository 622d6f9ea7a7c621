package org.slurmscope.api.prometheus;

/**
 * One sample of a {@link TimeSeries}.
 *
 * @param timestampSeconds the sample time in Unix seconds, with the fraction Prometheus sent
 * @param value the sample value; {@code NaN} and infinities are kept as Prometheus sent them
 * @since 1.1.0
 */
public record Point(double timestampSeconds, double value) {}
