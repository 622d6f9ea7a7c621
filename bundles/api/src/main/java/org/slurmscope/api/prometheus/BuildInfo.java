package org.slurmscope.api.prometheus;

import java.util.Objects;

/**
 * The server's build information from {@code /api/v1/status/buildinfo}. A field the server did not
 * send is empty.
 *
 * @param version the release, such as {@code 2.42.0}
 * @param revision the source revision
 * @param branch the source branch
 * @param goVersion the Go release the server was built with
 * @since 1.1.0
 */
public record BuildInfo(String version, String revision, String branch, String goVersion) {

  public BuildInfo {
    Objects.requireNonNull(version, "version");
    Objects.requireNonNull(revision, "revision");
    Objects.requireNonNull(branch, "branch");
    Objects.requireNonNull(goVersion, "goVersion");
  }
}
