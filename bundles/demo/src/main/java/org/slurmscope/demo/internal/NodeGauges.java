package org.slurmscope.demo.internal;

/**
 * Turns a node's activity into the values node_exporter would give: CPU busy percentage, memory in
 * use and the one-minute load. Each is the jobs' smooth use plus a small system share that drifts
 * over minutes and noise that changes every {@value #NOISE_BUCKET_SECONDS} seconds.
 */
final class NodeGauges {

  private static final long NOISE_BUCKET_SECONDS = 5;

  /** Memory the operating system and page cache hold, as a fraction of the node's memory. */
  private static final double SYSTEM_MEMORY_FRACTION = 0.03;

  /** Offsets the seed for noise, so it is independent of the job values. */
  private static final long NOISE_STREAM = 0x4E4F495345L;

  private final long seed;
  private final NodeActivity activity;
  private final double time;
  private final long noiseBucket;

  NodeGauges(long seed, NodeActivity activity, double time) {
    this.seed = seed;
    this.activity = activity;
    this.time = time;
    this.noiseBucket = Math.floorDiv((long) Math.floor(time), NOISE_BUCKET_SECONDS);
  }

  /** Returns the busy CPU time as a percentage of all the node's CPUs, 0 to 100. */
  double cpuPercent(SimNode node) {
    double system = 0.6 + 0.4 * Math.sin(2 * Math.PI * time / 300 + phase(node));
    double jobs = 100 * activity.busyCpus[node.index()] / node.cpus();
    return clampPercent(jobs + system + 1.2 * noise(node, 1));
  }

  /** Returns the memory in use (total minus available) as a percentage, 0 to 100. */
  double memoryPercent(SimNode node) {
    return clampPercent(100 * memoryUsedMb(node) / node.memoryMb() + 0.15 * noise(node, 2));
  }

  /** Returns the memory in use in MiB, without noise. */
  double memoryUsedMb(SimNode node) {
    double system =
        SYSTEM_MEMORY_FRACTION * (1 + 0.1 * Math.sin(2 * Math.PI * time / 900 + phase(node)));
    return activity.memoryUsedMb[node.index()] + system * node.memoryMb();
  }

  /** Returns the one-minute load average: about one per busy CPU. */
  double load1(SimNode node) {
    double busy = activity.busyCpus[node.index()];
    return Math.max(0, busy * (1 + 0.05 * noise(node, 3)) + 0.05 + 0.04 * noise(node, 4));
  }

  private double phase(SimNode node) {
    return 2 * Math.PI * Hashing.unit(Hashing.hash(seed + NOISE_STREAM, node.index(), 0), 1);
  }

  private double noise(SimNode node, int salt) {
    return Hashing.signedUnit(Hashing.hash(seed + NOISE_STREAM, node.index(), noiseBucket), salt);
  }

  private static double clampPercent(double value) {
    return Math.max(0, Math.min(100, value));
  }
}
