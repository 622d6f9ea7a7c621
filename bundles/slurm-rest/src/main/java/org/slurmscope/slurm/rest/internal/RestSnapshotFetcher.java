package org.slurmscope.slurm.rest.internal;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.function.Consumer;
import org.slurmscope.api.slurm.Partition;
import org.slurmscope.api.slurm.SlurmSnapshot;
import org.slurmscope.api.slurm.SlurmSourceException;
import org.slurmscope.slurm.json.SlurmDocument;
import org.slurmscope.slurm.json.SlurmJsonDecoder;
import org.slurmscope.slurm.json.SlurmMeta;
import org.slurmscope.slurm.json.StatusDecoder;

/**
 * Builds one snapshot from slurmrestd's {@code jobs}, {@code nodes} and {@code partitions}, after
 * choosing the API version once.
 *
 * <p>The version is the configured one, or the newest that both slurmrestd and slurmscope know:
 * slurmrestd lists its versions in {@code /openapi/v3}; where that fails, {@code ping} is tried
 * from the newest version down. The choice is logged once and kept until the configuration changes
 * or the version disappears (after an upgrade, slurmrestd responds 404 to it).
 *
 * <p>{@link #fetch()} is called from one polling thread at a time.
 */
final class RestSnapshotFetcher {

  private final RestSettings settings;
  private final SlurmrestdClient client;
  private final TokenSource tokens;
  private final Consumer<String> log;
  private final Clock clock;

  private ApiVersion version;

  RestSnapshotFetcher(
      RestSettings settings,
      SlurmrestdClient client,
      TokenSource tokens,
      Consumer<String> log,
      Clock clock) {
    this.settings = settings;
    this.client = client;
    this.tokens = tokens;
    this.log = log;
    this.clock = clock;
  }

  /**
   * Fetches jobs, nodes and partitions. Jobs and nodes are required; a failure to list the
   * partitions only adds a warning.
   */
  SlurmSnapshot fetch() throws SlurmSourceException, InterruptedException {
    ApiVersion api = version();
    SlurmDocument jobs;
    try {
      jobs = get(api, "jobs");
    } catch (SlurmrestdException e) {
      if (e.kind() == SlurmrestdException.Kind.NOT_FOUND && settings.apiVersion() == null) {
        // slurmrestd was upgraded and dropped the version: choose again on the next poll.
        version = null;
      }
      throw e;
    }
    SlurmDocument nodes = get(api, "nodes");
    List<String> warnings = new ArrayList<>(jobs.warnings());
    warnings.addAll(nodes.warnings());
    List<Partition> partitions = List.of();
    try {
      SlurmDocument listed = get(api, "partitions");
      warnings.addAll(listed.warnings());
      partitions = listed.partitions();
    } catch (SlurmrestdException e) {
      warnings.add("Partitions are not shown: " + e.getMessage());
    }
    SlurmMeta meta = jobs.meta();
    SlurmMeta fallback = nodes.meta();
    return new SlurmSnapshot(
        meta.cluster() != null ? meta.cluster() : fallback.cluster(),
        meta.slurmVersion() != null ? meta.slurmVersion() : fallback.slurmVersion(),
        api.toString(),
        clock.instant(),
        jobs.jobs(),
        nodes.nodes(),
        partitions,
        warnings);
  }

  /** Returns slurmctld's reply to a ping through slurmrestd. */
  StatusDecoder.Ping ping() throws SlurmSourceException, InterruptedException {
    ApiVersion api = version();
    return request("slurm/" + api + "/ping", StatusDecoder::ping);
  }

  /** Returns slurmctld's statistics through slurmrestd. */
  StatusDecoder.Diag diag() throws SlurmSourceException, InterruptedException {
    ApiVersion api = version();
    return request("slurm/" + api + "/diag", StatusDecoder::diag);
  }

  /** Returns the API version in use, choosing it on the first call. */
  ApiVersion version() throws SlurmSourceException, InterruptedException {
    if (version != null) {
      return version;
    }
    if (settings.apiVersion() != null) {
      version = settings.apiVersion();
      log.accept(
          "slurmrestd at " + settings.displayUrl() + ": using API " + version + " as configured");
      return version;
    }
    version = discover();
    return version;
  }

  private ApiVersion discover() throws SlurmSourceException, InterruptedException {
    TreeSet<ApiVersion> listed;
    try {
      listed = request("openapi/v3", SlurmrestdClient::versionsOfPaths);
    } catch (SlurmrestdException e) {
      if (e.kind() == SlurmrestdException.Kind.AUTHENTICATION
          || e.kind() == SlurmrestdException.Kind.UNREACHABLE) {
        throw e;
      }
      listed = new TreeSet<>();
    }
    TreeSet<ApiVersion> usable = new TreeSet<>(listed);
    usable.retainAll(ApiVersion.SUPPORTED);
    if (!usable.isEmpty()) {
      ApiVersion chosen = usable.last();
      log.accept(
          "slurmrestd at "
              + settings.displayUrl()
              + " serves API "
              + join(listed)
              + ": using "
              + chosen
              + " (set apiVersion in "
              + RestConfiguration.PID
              + " to choose another)");
      return chosen;
    }
    return probe(listed);
  }

  /** Tries {@code ping} from the newest known version down, for a slurmrestd that lists none. */
  private ApiVersion probe(TreeSet<ApiVersion> listed)
      throws SlurmSourceException, InterruptedException {
    List<ApiVersion> candidates = new ArrayList<>(ApiVersion.SUPPORTED);
    java.util.Collections.reverse(candidates);
    for (ApiVersion candidate : candidates) {
      try {
        request("slurm/" + candidate + "/ping", StatusDecoder::ping);
        log.accept(
            "slurmrestd at "
                + settings.displayUrl()
                + " answers ping in API "
                + candidate
                + ": using it (set apiVersion in "
                + RestConfiguration.PID
                + " to choose another)");
        return candidate;
      } catch (SlurmrestdException e) {
        if (e.kind() != SlurmrestdException.Kind.NOT_FOUND) {
          throw e;
        }
      }
    }
    throw new SlurmSourceException(
        "slurmrestd at "
            + settings.displayUrl()
            + " serves no API version slurmscope reads"
            + (listed.isEmpty() ? "" : " (it lists " + join(listed) + ")")
            + "; slurmscope reads "
            + ApiVersion.SUPPORTED.get(0)
            + " to "
            + ApiVersion.newest()
            + ": start slurmrestd with one of these data_parser plugins");
  }

  private SlurmDocument get(ApiVersion api, String endpoint)
      throws SlurmSourceException, InterruptedException {
    return request("slurm/" + api + "/" + endpoint, SlurmJsonDecoder::decode);
  }

  /**
   * Sends one request with the current token. When slurmrestd rejects the token and a new one can
   * be had (from scontrol, or a token file that changed), the request is sent once more with it.
   * Slurm 22.05 responds to a rejected token with a plain 500, so a 500 is retried the same way.
   */
  private <T> T request(String path, SlurmrestdClient.BodyDecoder<T> decoder)
      throws SlurmSourceException, InterruptedException {
    Jwt token = tokens.token();
    try {
      return client.get(path, token, decoder);
    } catch (SlurmrestdException e) {
      boolean authentication = e.kind() == SlurmrestdException.Kind.AUTHENTICATION;
      boolean serverError = e.kind() == SlurmrestdException.Kind.SLURM_ERROR && e.status() == 500;
      if (!authentication && !serverError) {
        throw e;
      }
      if (!tokens.discard()) {
        throw authentication ? withHint(e) : e;
      }
      Jwt renewed;
      try {
        renewed = tokens.token();
      } catch (SlurmSourceException tokenFailure) {
        // The first failure is the better message when the 500 had another cause than the token.
        throw authentication ? tokenFailure : e;
      }
      try {
        return client.get(path, renewed, decoder);
      } catch (SlurmrestdException again) {
        throw again.kind() == SlurmrestdException.Kind.AUTHENTICATION ? withHint(again) : again;
      }
    }
  }

  private SlurmrestdException withHint(SlurmrestdException e) {
    return new SlurmrestdException(
        SlurmrestdException.Kind.AUTHENTICATION,
        e.status(),
        e.getMessage() + ": " + tokens.renewHint(),
        e);
  }

  private static String join(TreeSet<ApiVersion> versions) {
    return String.join(", ", versions.stream().map(ApiVersion::toString).toList());
  }
}
