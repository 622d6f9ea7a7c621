/**
 * The normalised SLURM model: jobs, nodes and partitions as one immutable snapshot, whatever source
 * (CLI, slurmrestd, demo) and Slurm release produced them.
 */
@Export
@Version("1.2.0")
package org.slurmscope.api.slurm;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
