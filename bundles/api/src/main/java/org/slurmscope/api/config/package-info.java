/**
 * Configuration contracts: validators that check a PID's values before its component sees them, and
 * the status of every slurmscope configuration (rejections, enabled switches) for the console.
 */
@Export
@Version("1.0.0")
package org.slurmscope.api.config;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
