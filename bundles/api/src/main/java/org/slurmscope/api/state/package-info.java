/** The combined, timestamped view of a cluster that the state component publishes to consumers. */
@Export
@Version("1.0.0")
package org.slurmscope.api.state;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
