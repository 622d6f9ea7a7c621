package org.slurmscope.slurm.cli.internal;

import java.time.Clock;
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

  private static final List<String> SQUEUE_JOBS = List.of("--json");
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
    SlurmDocument jobs = runner.run(settings.squeue(), SQUEUE_JOBS, SlurmJsonDecoder::decode);
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
    SlurmDocument nodes = runner.run(settings.sinfo(), SINFO_NODE_LIST, SlurmJsonDecoder::decode);
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
      // TODO: read partitions from the text of scontrol -o show partitions where scontrol has no
      // --json (Slurm 22.05 and older).
      return List.of();
    }
    try {
      SlurmDocument partitions =
          runner.run(settings.scontrol(), SCONTROL_PARTITIONS, SlurmJsonDecoder::decode);
      scontrolHasJson = true;
      warnings.addAll(partitions.warnings());
      return partitions.partitions();
    } catch (CommandException e) {
      if (lacksJsonOption(e)) {
        scontrolHasJson = false;
        log.accept(
            settings.scontrol().executable()
                + " has no --json option (Slurm 22.05 and older): the partition list stays empty");
      } else {
        warnings.add("Partitions are not shown: " + e.getMessage());
      }
      return List.of();
    }
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
