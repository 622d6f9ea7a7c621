package org.slurmscope.demo.internal;

/**
 * Stateless hash functions that turn (seed, id, time bucket) into reproducible pseudo-random
 * values, so that no random generator is shared between calls.
 *
 * <p>The mixing function is the finaliser of SplitMix64 (Steele, Lea and Flood, "Fast splittable
 * pseudorandom number generators", OOPSLA 2014), which spreads every input bit over the output.
 */
final class Hashing {

  private static final long GOLDEN_GAMMA = 0x9E3779B97F4A7C15L;

  private Hashing() {}

  /** Scrambles one 64-bit value. */
  static long mix(long value) {
    long z = value;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  /** Hashes a seed with two identifiers, for example a lane index and a cycle number. */
  static long hash(long seed, long first, long second) {
    return mix(mix(mix(seed + GOLDEN_GAMMA) + first * GOLDEN_GAMMA) + second);
  }

  /** Derives a uniform value in [0, 1) from a hash; each salt gives an independent value. */
  static double unit(long hash, int salt) {
    return (mix(hash + salt * GOLDEN_GAMMA) >>> 11) * 0x1.0p-53;
  }

  /** Derives a uniform value in [-1, 1) from a hash. */
  static double signedUnit(long hash, int salt) {
    return unit(hash, salt) * 2 - 1;
  }
}
