/**
 * Console extension points: views ({@link org.slurmscope.api.console.ConsoleView}) and column
 * overlays ({@link org.slurmscope.api.console.ColumnOverlay}), registered as OSGi services and
 * picked up by the console while it runs.
 */
@Export
@Version("1.1.0")
package org.slurmscope.api.console;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
