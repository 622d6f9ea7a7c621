package org.slurmscope.slurm.json;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code meta} object of a Slurm JSON document: which cluster and Slurm release produced the
 * document, in which data format, and for which command line.
 *
 * <p>Slurm 21.08 to 23.02 send {@code meta.Slurm} with integer version parts; 23.11 and later send
 * {@code meta.slurm} with string parts ({@code "minor": "05"}) and the cluster name. The format is
 * {@code meta.plugin.type} ({@code openapi/v0.0.37}) up to 22.05, {@code meta.plugins.data_parser}
 * ({@code data_parser/v0.0.39}) in the 23.02 CLI and {@code meta.plugin.data_parser} later.
 *
 * @param cluster the cluster name, or null when not sent
 * @param slurmVersion the release such as {@code 24.11.5}, or null when not sent
 * @param apiVersion the data format version such as {@code v0.0.42}, or null when not sent
 * @param command the command line arguments Slurm reports, empty when not sent
 */
public record SlurmMeta(
    String cluster, String slurmVersion, String apiVersion, List<String> command) {

  /** Metadata of a document without {@code meta}. */
  public static final SlurmMeta EMPTY = new SlurmMeta(null, null, null, List.of());

  public SlurmMeta {
    command = List.copyOf(command);
  }

  /** Reads a {@code meta} object; parts of unexpected shape are left null. */
  public static SlurmMeta read(JsonNode meta) {
    JsonNode slurm = meta.has("slurm") ? meta.get("slurm") : meta.path("Slurm");
    return new SlurmMeta(
        blankToNull(slurm.path("cluster").asText("")),
        version(slurm),
        apiVersion(meta),
        command(meta.path("command")));
  }

  /** Returns this metadata with the cluster name filled in when {@code meta} did not have it. */
  SlurmMeta withCluster(String fallback) {
    if (cluster != null || fallback == null || fallback.isBlank()) {
      return this;
    }
    return new SlurmMeta(fallback.strip(), slurmVersion, apiVersion, command);
  }

  /** Describes the release and format for messages: {@code Slurm 24.11.5, API v0.0.42}. */
  public String describe() {
    String release = slurmVersion == null ? "Slurm version unknown" : "Slurm " + slurmVersion;
    return apiVersion == null ? release : release + ", API " + apiVersion;
  }

  private static String version(JsonNode slurm) {
    String release = slurm.path("release").asText("").strip();
    if (!release.isEmpty()) {
      return release;
    }
    JsonNode version = slurm.path("version");
    SlurmNumber major = SlurmNumber.of(version.get("major"));
    SlurmNumber minor = SlurmNumber.of(version.get("minor"));
    SlurmNumber micro = SlurmNumber.of(version.get("micro"));
    if (!major.isValue() || !minor.isValue() || !micro.isValue()) {
      return null;
    }
    // Slurm numbers releases YY.MM.micro with a two-digit month: 23.02.4, 24.11.5.
    return String.format("%d.%02d.%d", major.value(), minor.value(), micro.value());
  }

  private static String apiVersion(JsonNode meta) {
    String parser = meta.path("plugins").path("data_parser").asText("");
    if (parser.isEmpty()) {
      parser = meta.path("plugin").path("data_parser").asText("");
    }
    if (parser.isEmpty()) {
      parser = meta.path("plugin").path("type").asText("");
    }
    // "data_parser/v0.0.39", "openapi/v0.0.37" or a bare "v0.0.39"; "openapi/slurmctld" names no
    // version.
    String version = parser.substring(parser.lastIndexOf('/') + 1).strip();
    boolean isVersion =
        version.length() > 1 && version.charAt(0) == 'v' && Character.isDigit(version.charAt(1));
    return isVersion ? version : null;
  }

  private static List<String> command(JsonNode command) {
    if (!command.isArray()) {
      return List.of();
    }
    List<String> arguments = new ArrayList<>();
    for (JsonNode argument : command) {
      if (argument.isTextual()) {
        arguments.add(argument.textValue());
      }
    }
    return arguments;
  }

  private static String blankToNull(String text) {
    return text.isBlank() ? null : text.strip();
  }
}
