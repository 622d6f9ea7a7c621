/** The metric model: results of metric queries keyed by SLURM node or job, and their source. */
@Export
@Version("1.0.0")
package org.slurmscope.api.metrics;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
