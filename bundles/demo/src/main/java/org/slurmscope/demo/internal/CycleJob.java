package org.slurmscope.demo.internal;

import org.slurmscope.api.slurm.TimeLimit;

/**
 * The job of one lane cycle, computed from a hash of (seed, lane, cycle): its times, outcome, owner
 * and how hard it uses its CPUs and memory.
 *
 * <p>One instance is reused for many jobs within one call, to keep allocations low, so it is not
 * thread-safe; every call of the simulation makes its own.
 */
final class CycleJob {

  /** How long a finished job stays listed, in seconds: Slurm's default {@code MinJobAge}. */
  static final long LINGER_SECONDS = 300;

  /** The maximum epilog of any lane kind in seconds, which bounds how far back a listing looks. */
  static final long MAX_COMPLETING_SECONDS = 600;

  /** Cycles per job array: each array has this many cycles times its group size tasks. */
  static final int ARRAY_CYCLES = 5;

  static final long DEBUG_CYCLE_SECONDS = 120;
  static final long SLOW_EPILOG_CYCLE_SECONDS = 1800;
  static final long ROTATING_DRAIN_CYCLE_SECONDS = 14_400;

  /** Time limits users pick, in minutes. */
  private static final long[] LIMIT_MINUTES = {
    1, 2, 10, 15, 30, 60, 120, 240, 360, 480, 720, 1440, 2880, 4320
  };

  private static final TimeLimit[] LIMITS = new TimeLimit[LIMIT_MINUTES.length];

  static {
    for (int i = 0; i < LIMITS.length; i++) {
      LIMITS[i] = TimeLimit.ofMinutes(LIMIT_MINUTES[i]);
    }
  }

  /** Debug outcomes in turn: any five consecutive debug job ends cover every end state. */
  private static final Outcome[] DEBUG_OUTCOMES = Outcome.values();

  private static final long DEBUG_END_OFFSET_SECONDS = 100;
  private static final long DEBUG_COMPLETING_SECONDS = 10;
  private static final long SLOW_EPILOG_RUN_SECONDS = 1200;
  private static final long ORGANIC_MAX_COMPLETING_SECONDS = 25;

  /** Offsets the seed for per-array values, so they differ from the lead lane's per-cycle ones. */
  private static final long ARRAY_STREAM = 0x5DEECE66DL;

  private final long seed;

  Lane lane;
  long cycle;
  long submit;
  long start;
  long end;
  long completingEnd;
  Outcome outcome;
  TimeLimit timeLimit;

  /** The hash of this job's (seed, lane, cycle), the source of its other values. */
  private long hash;

  /** For an array task, the hash of its array; else equal to {@link #hash}. */
  private long ownerHash;

  CycleJob(long seed) {
    this.seed = seed;
  }

  /**
   * Computes the times, outcome and limit of the given lane's cycle into this instance. The other
   * values are derived on demand, since most callers need only these.
   */
  CycleJob load(Lane lane, long cycle) {
    this.lane = lane;
    this.cycle = cycle;
    hash = Hashing.hash(seed, lane.index, cycle);
    ownerHash = hash;
    long cycleStart = lane.cycleStart(cycle);
    switch (lane.kind) {
      case SINGLE, MULTI -> loadOrganic(cycleStart);
      case ARRAY -> loadArrayTask(cycleStart);
      case DEBUG -> loadDebug(cycleStart);
      case SLOW_EPILOG -> loadFixed(cycleStart, SLOW_EPILOG_RUN_SECONDS, 600, 60, 600);
      case ROTATING_DRAIN ->
          loadFixed(cycleStart, ROTATING_DRAIN_CYCLE_SECONDS - 120, 20, 300, 1800);
      default -> throw new IllegalStateException("unknown lane kind " + lane.kind);
    }
    return this;
  }

  /** Computes a random runtime, outcome and wait, scaled to the lane's cycle. */
  private void loadOrganic(long cycleStart) {
    long cap = lane.cycleSeconds - ORGANIC_MAX_COMPLETING_SECONDS - 5;
    outcome = organicOutcome(Hashing.unit(hash, 1));
    long runtime;
    if (outcome == Outcome.TIMEOUT) {
      timeLimit = LIMITS[largestLimitAtMost(cap / 60)];
      runtime = timeLimit.minutes() * 60;
    } else {
      runtime = Math.max(60, (long) ((0.30 + 0.65 * Hashing.unit(hash, 2)) * cap));
      double requested = runtime * (1.2 + 1.3 * Hashing.unit(hash, 3));
      timeLimit = LIMITS[smallestLimitAtLeast((long) Math.ceil(requested / 60))];
    }
    start = cycleStart;
    end = start + runtime;
    completingEnd = end + 3 + (long) (22 * Hashing.unit(hash, 4));
    double wait = lane.queueDepth * lane.cycleSeconds * (0.1 + 1.8 * Hashing.unit(hash, 5));
    submit = start - Math.max(30, (long) wait);
  }

  /** Computes one task of an array, whose owner, name, limit and submission belong to the array. */
  private void loadArrayTask(long cycleStart) {
    long arrayIndex = Math.floorDiv(cycle, ARRAY_CYCLES);
    ownerHash = Hashing.hash(seed + ARRAY_STREAM, lane.groupLead, arrayIndex);
    long cap = lane.cycleSeconds - ORGANIC_MAX_COMPLETING_SECONDS - 5;
    timeLimit = LIMITS[smallestLimitAtLeast((long) Math.ceil(cap / 60.0))];
    outcome = arrayOutcome(Hashing.unit(hash, 1));
    start = cycleStart;
    end = start + (long) ((0.5 + 0.45 * Hashing.unit(hash, 2)) * cap);
    completingEnd = end + 3 + (long) (22 * Hashing.unit(hash, 4));
    long arrayStart = lane.cycleStart(arrayIndex * ARRAY_CYCLES);
    submit = arrayStart - (long) (lane.cycleSeconds * (0.5 + Hashing.unit(ownerHash, 1)));
  }

  /**
   * Computes a short debug job. The two lanes of a debug node are half a cycle apart, so a job ends
   * every 60 s, and outcomes follow {@link #DEBUG_OUTCOMES} in turn. Any {@link #LINGER_SECONDS}
   * window therefore contains five consecutive ends, one of each outcome.
   */
  private void loadDebug(long cycleStart) {
    outcome = DEBUG_OUTCOMES[(int) Math.floorMod(2 * cycle + lane.member, DEBUG_OUTCOMES.length)];
    long runtime;
    if (outcome == Outcome.TIMEOUT) {
      timeLimit = LIMITS[0];
      runtime = 60;
    } else {
      timeLimit = LIMITS[1];
      runtime = 20 + (long) (75 * Hashing.unit(hash, 2));
    }
    end = cycleStart + DEBUG_END_OFFSET_SECONDS;
    start = end - runtime;
    completingEnd = end + DEBUG_COMPLETING_SECONDS;
    submit = start - 15 - (long) (90 * Hashing.unit(hash, 5));
  }

  /** Computes a job with a fixed runtime and epilog that always completes. */
  private void loadFixed(
      long cycleStart, long runtime, long completing, long minWait, long waitSpan) {
    outcome = Outcome.COMPLETED;
    timeLimit = LIMITS[smallestLimitAtLeast((runtime + 59) / 60)];
    start = cycleStart;
    end = start + runtime;
    completingEnd = end + completing;
    submit = start - minWait - (long) (waitSpan * Hashing.unit(hash, 5));
  }

  /** Returns the index into {@link Workload#USERS} of the owner; all tasks of an array share it. */
  int user() {
    return lane.workload.user(Hashing.unit(ownerHash, 7));
  }

  /** Returns the job name; all tasks of an array share it. */
  String name() {
    return lane.workload.jobName(Hashing.unit(ownerHash, 8));
  }

  boolean isRunning(long epochSecond) {
    return start <= epochSecond && epochSecond < end;
  }

  boolean isCompleting(long epochSecond) {
    return end <= epochSecond && epochSecond < completingEnd;
  }

  boolean isPending(long epochSecond) {
    return submit <= epochSecond && epochSecond < start;
  }

  /** Returns true once the job has started and until it drops off the job list. */
  boolean isListedAfterStart(long epochSecond) {
    return start <= epochSecond && epochSecond < completingEnd + LINGER_SECONDS;
  }

  /**
   * Returns the pending reason at a moment. A job with a special reason (held, dependency, QOS
   * limit) keeps it for the first 70% of its wait and then queues like the others. A job with a
   * begin time keeps that reason until it starts. Otherwise the first job in its lane's queue waits
   * for resources and the rest for priority.
   */
  PendingReason pendingReason(long epochSecond, boolean firstInLine) {
    PendingReason special =
        lane.kind == LaneKind.SINGLE || lane.kind == LaneKind.MULTI
            ? specialReason(Hashing.unit(hash, 6))
            : null;
    if (special == PendingReason.BEGIN_TIME) {
      return special;
    }
    if (special != null && epochSecond < submit + (start - submit) * 7 / 10) {
      return special;
    }
    return firstInLine ? PendingReason.RESOURCES : PendingReason.PRIORITY;
  }

  /** Returns the fraction of the job's CPUs that are busy at a moment, 0 to 1. */
  double cpuUse(double time) {
    double efficiency = 0.15 + 0.85 * Hashing.unit(hash, 9);
    double age = time - start;
    double rampUp = Math.min(1, age / 45);
    double wobble = 0.15 * Math.sin(2 * Math.PI * age / wobblePeriodSeconds() + wobblePhase());
    return clamp(efficiency * (1 + wobble) * rampUp);
  }

  /**
   * Returns the fraction of the job's requested memory in use at a moment, 0 to 1. A job that ends
   * out of memory grows steadily until it reaches its request.
   */
  double memoryUse(double time) {
    double memoryFraction = 0.2 + 0.75 * Hashing.unit(hash, 10);
    double age = time - start;
    double rampUp = Math.min(1, age / 120);
    double fraction;
    if (outcome == Outcome.OUT_OF_MEMORY) {
      fraction = memoryFraction + (1 - memoryFraction) * Math.min(1, age / (end - start));
    } else {
      double phase = 2 * Math.PI * age / (1.7 * wobblePeriodSeconds()) + wobblePhase();
      fraction = memoryFraction * (1 + 0.03 * Math.sin(phase));
    }
    return clamp(fraction * rampUp);
  }

  /** Returns the period of the job's slow swings in CPU and memory use, 2 to 12 minutes. */
  private double wobblePeriodSeconds() {
    return 120 + 600 * Hashing.unit(hash, 11);
  }

  private double wobblePhase() {
    return 2 * Math.PI * Hashing.unit(hash, 12);
  }

  /** Returns the maximum number of seconds by which a lane's job is submitted before its cycle. */
  static long maxLeadSeconds(LaneKind kind, long cycleSeconds, double queueDepth) {
    return switch (kind) {
      case SINGLE, MULTI -> Math.max(30, (long) Math.ceil(1.9 * queueDepth * cycleSeconds));
      case ARRAY -> (long) Math.ceil(1.5 * cycleSeconds);
      case DEBUG -> 105;
      case SLOW_EPILOG -> 660;
      case ROTATING_DRAIN -> 2100;
    };
  }

  private static Outcome organicOutcome(double unit) {
    if (unit < 0.70) {
      return Outcome.COMPLETED;
    }
    if (unit < 0.80) {
      return Outcome.FAILED;
    }
    if (unit < 0.88) {
      return Outcome.CANCELLED;
    }
    return unit < 0.94 ? Outcome.TIMEOUT : Outcome.OUT_OF_MEMORY;
  }

  private static Outcome arrayOutcome(double unit) {
    if (unit < 0.86) {
      return Outcome.COMPLETED;
    }
    return unit < 0.95 ? Outcome.FAILED : Outcome.OUT_OF_MEMORY;
  }

  private static PendingReason specialReason(double unit) {
    if (unit < 0.06) {
      return PendingReason.DEPENDENCY;
    }
    if (unit < 0.12) {
      return PendingReason.JOB_HELD_USER;
    }
    if (unit < 0.16) {
      return PendingReason.BEGIN_TIME;
    }
    return unit < 0.22 ? PendingReason.QOS_MAX_JOBS_PER_USER : null;
  }

  private static int largestLimitAtMost(long minutes) {
    int index = 0;
    while (index + 1 < LIMIT_MINUTES.length && LIMIT_MINUTES[index + 1] <= minutes) {
      index++;
    }
    return index;
  }

  private static int smallestLimitAtLeast(long minutes) {
    int index = 0;
    while (index + 1 < LIMIT_MINUTES.length && LIMIT_MINUTES[index] < minutes) {
      index++;
    }
    return index;
  }

  private static double clamp(double value) {
    return Math.max(0, Math.min(1, value));
  }
}
