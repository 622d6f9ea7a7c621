package org.slurmscope.slurm.json;

import java.io.BufferedInputStream;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Measures how long the decoder takes for one {@code squeue --json} output, and how much heap it
 * needs: run by {@code bench/squeue-decode.sh}, not by the tests.
 *
 * <p>Arguments: the output file and the number of timed runs (after two warm-up runs). Each run
 * decodes from a file stream, as the source decodes squeue's standard output while it arrives. It
 * prints the time of each run, the heap's high-water mark during the last run and the heap the
 * decoded jobs keep.
 */
public final class SqueueDecodeBenchmark {

  private SqueueDecodeBenchmark() {}

  public static void main(String[] args) throws Exception {
    Path file = Path.of(args[0]);
    int runs = args.length > 1 ? Integer.parseInt(args[1]) : 5;
    long bytes = Files.size(file);

    for (int i = 0; i < 2; i++) {
      decode(file);
    }
    List<Double> seconds = new ArrayList<>();
    SlurmDocument kept = null;
    long peak = 0;
    for (int i = 0; i < runs; i++) {
      kept = null;
      System.gc();
      resetPeaks();
      long start = System.nanoTime();
      kept = decode(file);
      seconds.add((System.nanoTime() - start) / 1e9);
      peak = heapPeak();
    }
    System.gc();
    long retained = heapUsed();
    seconds.sort(Double::compare);

    System.out.printf(
        Locale.ROOT,
        "file %s: %.1f MiB, %d jobs, %d warnings%n",
        file,
        bytes / 1048576.0,
        kept.jobs().size(),
        kept.warnings().size());
    System.out.printf(
        Locale.ROOT,
        "decode: best %.3f s, median %.3f s, worst %.3f s over %d runs%n",
        seconds.get(0),
        seconds.get(seconds.size() / 2),
        seconds.get(seconds.size() - 1),
        runs);
    System.out.printf(
        Locale.ROOT,
        "heap: peak %.1f MiB during a decode, %.1f MiB kept by the decoded jobs (max heap %.0f MiB)%n",
        peak / 1048576.0,
        retained / 1048576.0,
        Runtime.getRuntime().maxMemory() / 1048576.0);
  }

  private static SlurmDocument decode(Path file) throws Exception {
    try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 64 * 1024)) {
      return SlurmJsonDecoder.decode(in, "squeue --json");
    }
  }

  private static void resetPeaks() {
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) {
        pool.resetPeakUsage();
      }
    }
  }

  /** Returns the sum of the heap pools' peaks: an upper bound of the heap in use at once. */
  private static long heapPeak() {
    long sum = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) {
        sum += pool.getPeakUsage().getUsed();
      }
    }
    return sum;
  }

  private static long heapUsed() {
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }
}
