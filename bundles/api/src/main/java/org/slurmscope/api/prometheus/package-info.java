/**
 * The Prometheus HTTP API client's contract: queries in, typed samples or typed errors out.
 *
 * <p>Version 1.1.0 adds range queries, series, label values, alerts, build information, readiness,
 * per-query options, and the matrix, string and {@code infos} parts of a query result.
 */
@Export
@Version("1.1.0")
package org.slurmscope.api.prometheus;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
