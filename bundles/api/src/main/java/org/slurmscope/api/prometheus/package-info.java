/** The Prometheus HTTP API client's contract: queries in, typed samples or typed errors out. */
@Export
@Version("1.0.0")
package org.slurmscope.api.prometheus;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
