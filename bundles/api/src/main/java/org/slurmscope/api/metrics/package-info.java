/**
 * The metric model: results of metric queries keyed by SLURM node or job, and their source.
 *
 * <p>Version 1.1.0 adds job and GPU metric names, the explanation of each result (the query, the
 * series behind each value and the reason per missing key) with a renderer for it, and the metric
 * cache's contract.
 */
@Export
@Version("1.1.0")
package org.slurmscope.api.metrics;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
