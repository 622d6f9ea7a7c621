package org.slurmscope.slurm.cli.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.slurmscope.api.slurm.Partition;
import org.slurmscope.api.slurm.SlurmSnapshot;
import org.slurmscope.api.slurm.SlurmSourceException;
import org.slurmscope.slurm.cli.internal.CommandException.Failure;
import org.slurmscope.slurm.json.SlurmDocument;
import org.slurmscope.slurm.json.SlurmDocument.Content;
import org.slurmscope.slurm.json.SlurmJsonDecoder;
import org.slurmscope.slurm.json.SlurmMeta;
import org.slurmscope.slurm.json.SlurmTextDecoder;

/**
 * Builds one snapshot from {@code squeue --json}, the configured nodes command and {@code scontrol
 * show partitions --json}, and learns on the first polls what the installed Slurm release offers.
 *
 * <p>scontrol has {@code --json} from Slurm 23.02 on. Before that, {@code sinfo --json} returns the
 * node list and there is no partition JSON. From 23.02 on, {@code sinfo --json} returns rows
 * grouped by partition and state instead, and only {@code sinfo -N --json} lists nodes. Each of
 * these findings is made once, logged once and kept until the configuration changes.
 *
 * <p>{@link #fetch()} is called from one polling thread at a time.
 */
final class CliSnapshotFetcher {

  // --states=all: from Slurm 23.02 on squeue leaves finished jobs out unless asked; 22.05 lists
  // them anyway and ignores the option with --json.
  private static final List<String> SQUEUE_JOBS = List.of("--states=all", "--json");
  private static final List<String> SQUEUE_TEXT =
      List.of("--noheader", "--states=all", "--Format=" + SlurmTextDecoder.squeueFormat());
  private static final List<String> SCONTROL_NODES_TEXT = List.of("-o", "-d", "show", "nodes");
  private static final List<String> SCONTROL_PARTITIONS_TEXT = List.of("-o", "show", "partitions");
  private static final List<String> SINFO_PARTITION_NAMES = List.of("--noheader", "--format=%P");

  /**
   * How long the default partition learnt from sinfo is kept. It changes only when an admin edits
   * slurm.conf, and every console of every user would otherwise run one more command per poll.
   */
  static final Duration DEFAULT_PARTITION_TTL = Duration.ofMinutes(10);

  private static final List<String> SCONTROL_NODES = List.of("show", "nodes", "--json");
  private static final List<String> SCONTROL_PARTITIONS = List.of("show", "partitions", "--json");
  private static final List<String> SINFO_NODE_LIST = List.of("--json");
  // -N before --json: 24.11 leaves the last argument out of meta.command.
  private static final List<String> SINFO_NODE_ROWS = List.of("-N", "--json");

  private final CliSettings settings;
  private final CommandRunner runner;
  private final Consumer<String> log;
  private final Clock clock;

  /** Whether scontrol accepts --json; null until a command has shown it. */
  private volatile Boolean scontrolHasJson;

  /** True once sinfo --json returned partition rows instead of a node list. */
  private volatile boolean sinfoNeedsNodeRows;

  /** True once squeue rejected --json: jobs come from its text output from then on. */
  private volatile boolean squeueLacksJson;

  /** True once sinfo rejected --json too: nodes come from scontrol's text from then on. */
  private volatile boolean sinfoLacksJson;

  /** The default partition learnt from sinfo, and until when it is kept. */
  private volatile String defaultPartition;

  private volatile Instant defaultPartitionUntil = Instant.MIN;

  /**
   * Creates a fetcher.
   *
   * @param log receives the findings about the Slurm release, each once
   */
  CliSnapshotFetcher(
      CliSettings settings, CommandRunner runner, Consumer<String> log, Clock clock) {
    this.settings = settings;
    this.runner = runner;
    this.log = log;
    this.clock = clock;
  }

  /**
   * Runs the commands and returns the snapshot. Jobs and nodes are required; a failure to list the
   * partitions only adds a warning.
   */
  SlurmSnapshot fetch() throws SlurmSourceException, InterruptedException {
    SlurmDocument jobs = fetchJobs();
    SlurmDocument nodes = fetchNodes();
    List<String> warnings = new ArrayList<>(jobs.warnings());
    warnings.addAll(nodes.warnings());
    List<Partition> partitions = fetchPartitions(warnings);

    SlurmMeta meta = jobs.meta();
    SlurmMeta fallback = nodes.meta();
    return new SlurmSnapshot(
        meta.cluster() != null ? meta.cluster() : fallback.cluster(),
        meta.slurmVersion() != null ? meta.slurmVersion() : fallback.slurmVersion(),
        meta.apiVersion() != null ? meta.apiVersion() : fallback.apiVersion(),
        clock.instant(),
        jobs.jobs(),
        nodes.nodes(),
        partitions,
        warnings);
  }

  private SlurmDocument fetchJobs() throws SlurmSourceException, InterruptedException {
    if (squeueLacksJson) {
      return runner.run(settings.squeue(), SQUEUE_TEXT, CliSnapshotFetcher::decodeSqueueText);
    }
    try {
      return runner.run(settings.squeue(), SQUEUE_JOBS, SlurmJsonDecoder::decode);
    } catch (CommandException e) {
      if (!lacksJsonOption(e)) {
        throw e;
      }
      squeueLacksJson = true;
      log.accept(
          settings.squeue().executable()
              + " has no --json option (Slurm 20.11 and older, or built without JSON): jobs come"
              + " from "
              + commandLine(settings.squeue(), SQUEUE_TEXT.subList(0, 2))
              + " --Format=... from now on");
      return fetchJobs();
    }
  }

  private static SlurmDocument decodeSqueueText(InputStream stdout, String commandLine)
      throws IOException {
    return SlurmTextDecoder.squeue(
        text(stdout), SlurmTextDecoder.SQUEUE_FIELDS, ZoneId.systemDefault(), commandLine);
  }

  private static String text(InputStream stdout) throws IOException {
    return new String(stdout.readAllBytes(), StandardCharsets.UTF_8);
  }

  private SlurmDocument fetchNodes() throws SlurmSourceException, InterruptedException {
    NodesCommand configured = settings.nodesCommand();
    boolean useSinfo =
        configured == NodesCommand.SINFO
            || (configured == NodesCommand.AUTO && Boolean.FALSE.equals(scontrolHasJson));
    if (useSinfo) {
      return nodesFromSinfo();
    }
    try {
      SlurmDocument nodes =
          runner.run(settings.scontrol(), SCONTROL_NODES, SlurmJsonDecoder::decode);
      if (configured == NodesCommand.AUTO && scontrolHasJson == null) {
        log.accept("Nodes come from " + commandLine(settings.scontrol(), SCONTROL_NODES));
      }
      scontrolHasJson = true;
      return nodes;
    } catch (CommandException e) {
      if (!lacksJsonOption(e)) {
        throw e;
      }
      scontrolHasJson = false;
      if (configured == NodesCommand.SCONTROL) {
        throw new SlurmSourceException(
            e.getMessage()
                + "; this scontrol has no --json (Slurm 22.05 and older): set nodesCommand=auto"
                + " or nodesCommand=sinfo in "
                + CliConfiguration.PID,
            e);
      }
      log.accept(
          settings.scontrol().executable()
              + " has no --json option (Slurm 22.05 and older): nodes come from "
              + commandLine(settings.sinfo(), SINFO_NODE_LIST)
              + " from now on, and the partition list stays empty");
      return nodesFromSinfo();
    }
  }

  private SlurmDocument nodesFromSinfo() throws SlurmSourceException, InterruptedException {
    if (sinfoLacksJson) {
      return runner.run(
          settings.scontrol(),
          SCONTROL_NODES_TEXT,
          (stdout, commandLine) -> SlurmTextDecoder.nodes(text(stdout), commandLine));
    }
    if (sinfoNeedsNodeRows) {
      SlurmDocument rows =
          runner.run(settings.sinfo(), SINFO_NODE_ROWS, SlurmJsonDecoder::decodeNodeRows);
      if (!rows.has(Content.NODES)) {
        throw new SlurmSourceException(
            commandLine(settings.sinfo(), SINFO_NODE_ROWS)
                + " returned no node list: set nodesCommand=auto in "
                + CliConfiguration.PID);
      }
      return rows;
    }
    SlurmDocument nodes;
    try {
      nodes = runner.run(settings.sinfo(), SINFO_NODE_LIST, SlurmJsonDecoder::decode);
    } catch (CommandException e) {
      if (!lacksJsonOption(e)) {
        throw e;
      }
      sinfoLacksJson = true;
      log.accept(
          settings.sinfo().executable()
              + " has no --json option: nodes come from "
              + commandLine(settings.scontrol(), SCONTROL_NODES_TEXT)
              + " from now on");
      return nodesFromSinfo();
    }
    if (nodes.has(Content.NODES)) {
      return nodes;
    }
    sinfoNeedsNodeRows = true;
    log.accept(
        commandLine(settings.sinfo(), SINFO_NODE_LIST)
            + " groups nodes by partition and state on this Slurm release (23.02 and later):"
            + " nodes come from "
            + commandLine(settings.sinfo(), SINFO_NODE_ROWS)
            + " from now on");
    return nodesFromSinfo();
  }

  /** Returns the partitions, or an empty list plus a warning when they cannot be listed. */
  private List<Partition> fetchPartitions(List<String> warnings) throws InterruptedException {
    if (Boolean.FALSE.equals(scontrolHasJson)) {
      return partitionsFromText(warnings);
    }
    try {
      SlurmDocument partitions =
          runner.run(settings.scontrol(), SCONTROL_PARTITIONS, SlurmJsonDecoder::decode);
      scontrolHasJson = true;
      warnings.addAll(partitions.warnings());
      return markDefault(partitions.partitions(), warnings);
    } catch (CommandException e) {
      if (lacksJsonOption(e)) {
        scontrolHasJson = false;
        log.accept(
            settings.scontrol().executable()
                + " has no --json option (Slurm 22.05 and older): partitions come from "
                + commandLine(settings.scontrol(), SCONTROL_PARTITIONS_TEXT)
                + " from now on");
        return partitionsFromText(warnings);
      }
      warnings.add("Partitions are not shown: " + e.getMessage());
      return List.of();
    }
  }

  /** Reads {@code scontrol -o show partitions}, which also flags the default partition. */
  private List<Partition> partitionsFromText(List<String> warnings) throws InterruptedException {
    try {
      SlurmDocument partitions =
          runner.run(
              settings.scontrol(),
              SCONTROL_PARTITIONS_TEXT,
              (stdout, commandLine) -> SlurmTextDecoder.partitions(text(stdout), commandLine));
      warnings.addAll(partitions.warnings());
      return partitions.partitions();
    } catch (CommandException e) {
      warnings.add("Partitions are not shown: " + e.getMessage());
      return List.of();
    }
  }

  /**
   * Marks the default partition, which the JSON of Slurm 23.02 and later does not flag: {@code
   * sinfo --noheader --format=%P} prints it with a {@code *}. The answer is kept for {@link
   * #DEFAULT_PARTITION_TTL}.
   */
  private List<Partition> markDefault(List<Partition> partitions, List<String> warnings)
      throws InterruptedException {
    if (partitions.isEmpty() || partitions.stream().anyMatch(Partition::isDefault)) {
      return partitions;
    }
    Instant now = clock.instant();
    if (now.isAfter(defaultPartitionUntil)) {
      try {
        defaultPartition =
            runner.run(
                settings.sinfo(),
                SINFO_PARTITION_NAMES,
                (stdout, commandLine) -> SlurmTextDecoder.defaultPartition(text(stdout)));
        defaultPartitionUntil = now.plus(DEFAULT_PARTITION_TTL);
      } catch (CommandException e) {
        warnings.add("The default partition is not marked: " + e.getMessage());
        return partitions;
      }
    }
    List<Partition> marked = new ArrayList<>(partitions.size());
    for (Partition partition : partitions) {
      marked.add(partition.name().equals(defaultPartition) ? partition.asDefault() : partition);
    }
    return marked;
  }

  /**
   * Returns true when the command rejected {@code --json}, as scontrol of Slurm 22.05 does with
   * "scontrol: unrecognized option '--json'". The two parts are matched separately, so the quote
   * characters around the option do not matter.
   */
  private static boolean lacksJsonOption(CommandException e) {
    return e.failure() == Failure.EXIT_STATUS
        && e.stderr().contains("unrecognized option")
        && e.stderr().contains("--json");
  }

  private static String commandLine(SlurmTool tool, List<String> arguments) {
    return tool.executable() + " " + String.join(" ", arguments);
  }
}
