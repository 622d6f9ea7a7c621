package org.slurmscope.slurm.cli.internal;

import java.time.Clock;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;
import org.osgi.service.metatype.annotations.Designate;
import org.slurmscope.api.slurm.SlurmSnapshot;
import org.slurmscope.api.slurm.SlurmSource;
import org.slurmscope.api.slurm.SlurmSourceException;

/**
 * The SLURM source every login node can use: {@code squeue}, {@code sinfo} and {@code scontrol}
 * with {@code --json}, run as child processes without a shell.
 *
 * <p>It works without a configuration file: the commands are then looked up on PATH and inherit
 * SLURM_CONF. A new configuration is validated before it replaces the current one; an invalid one
 * is rejected and the last good values stay in force.
 */
@Component(
    service = SlurmSource.class,
    property = SlurmSource.PROPERTY_SOURCE + "=cli",
    configurationPid = CliConfiguration.PID,
    configurationPolicy = ConfigurationPolicy.OPTIONAL)
@Designate(ocd = CliConfiguration.class)
public final class CliSlurmSource implements SlurmSource {

  @Reference(service = LoggerFactory.class)
  private Logger logger;

  /** Commands still running, so that deactivation can stop them. */
  private final Set<Process> running = ConcurrentHashMap.newKeySet();

  private ExecutorService io;
  private volatile CliSnapshotFetcher fetcher;

  @Activate
  void activate(CliConfiguration config) {
    CliSettings settings = CliSettings.validate(config);
    io = Executors.newCachedThreadPool(new IoThreads());
    fetcher = newFetcher(settings);
    logger.debug("SLURM command line source started: {}", settings);
  }

  @Modified
  void modified(CliConfiguration config) {
    CliSettings settings = CliSettings.validate(config);
    // A new fetcher starts without the findings about the release, because the commands may have
    // changed.
    fetcher = newFetcher(settings);
    logger.debug("SLURM command line source reconfigured: {}", settings);
  }

  @Deactivate
  void deactivate() {
    io.shutdownNow();
    for (Process process : running) {
      CommandRunner.stop(process);
    }
    logger.debug("SLURM command line source stopped");
  }

  @Override
  public SlurmSnapshot fetch() throws SlurmSourceException, InterruptedException {
    return fetcher.fetch();
  }

  private CliSnapshotFetcher newFetcher(CliSettings settings) {
    CommandRunner runner = new CommandRunner(io, running, settings.timeout(), settings.slurmConf());
    return new CliSnapshotFetcher(settings, runner, logger::info, Clock.systemUTC());
  }

  /** Daemon threads named after the bundle, for the readers of the commands' output. */
  private static final class IoThreads implements ThreadFactory {
    private final AtomicInteger count = new AtomicInteger();

    @Override
    public Thread newThread(Runnable task) {
      Thread thread = new Thread(task, "slurmscope-slurm-cli-io-" + count.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    }
  }
}
