package org.slurmscope.cache.internal;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slurmscope.api.metrics.MetricCache.MetricPoint;

/**
 * The recent values of every key of one metric: a ring of history steps, one {@code float} per key
 * and step. Floats keep seven significant digits, plenty for a sparkline, at half the memory of
 * doubles. Not thread-safe: the cache entry guards it.
 */
final class History {

  /** Array header and row reference per key, in bytes, for the memory estimate. */
  private static final long ROW_OVERHEAD_BYTES = 16 + 8;

  /** Map entry, boxed index and key string per key, in bytes, for the memory estimate. */
  private static final long INDEX_ENTRY_BYTES = 32 + 16 + 56;

  private final int steps;
  private final long stepSeconds;
  private final long[] stepStart;
  private final Map<String, Integer> rowOfKey = new HashMap<>();
  private final Deque<Integer> freeRows = new ArrayDeque<>();
  private float[][] rows = new float[16][];
  private int current = -1;

  History(int steps, long stepSeconds) {
    this.steps = steps;
    this.stepSeconds = stepSeconds;
    this.stepStart = new long[Math.max(steps, 1)];
    Arrays.fill(stepStart, Long.MIN_VALUE);
  }

  /** Records the values of one load; a later load in the same step replaces the earlier one. */
  void record(Map<String, Double> values, long epochSecond) {
    if (steps == 0) {
      return;
    }
    long start = Math.floorDiv(epochSecond, stepSeconds) * stepSeconds;
    if (current < 0 || stepStart[current] != start) {
      advance(start);
    }
    values.forEach((key, value) -> row(key)[current] = value.floatValue());
  }

  /** Returns a key's points, oldest first, leaving out steps without a value. */
  List<MetricPoint> points(String key) {
    Integer row = rowOfKey.get(key);
    List<MetricPoint> points = new ArrayList<>();
    if (row == null || current < 0) {
      return points;
    }
    float[] values = rows[row];
    for (int age = steps - 1; age >= 0; age--) {
      int slot = Math.floorMod(current - age, steps);
      if (stepStart[slot] != Long.MIN_VALUE && !Float.isNaN(values[slot])) {
        points.add(new MetricPoint(stepStart[slot], values[slot]));
      }
    }
    return points;
  }

  /** Returns the estimated memory of the history, in bytes. */
  long estimatedBytes() {
    long perKey = ROW_OVERHEAD_BYTES + 4L * steps + INDEX_ENTRY_BYTES;
    return 16 + 8L * rows.length + 8L * stepStart.length + perKey * rowOfKey.size();
  }

  int keys() {
    return rowOfKey.size();
  }

  /** Starts a new step: its slot is cleared, and keys without any value left are dropped. */
  private void advance(long start) {
    current = (current + 1) % steps;
    stepStart[current] = start;
    List<String> empty = new ArrayList<>();
    rowOfKey.forEach(
        (key, row) -> {
          float[] values = rows[row];
          values[current] = Float.NaN;
          if (allNaN(values)) {
            empty.add(key);
          }
        });
    for (String key : empty) {
      int row = rowOfKey.remove(key);
      rows[row] = null;
      freeRows.push(row);
    }
  }

  private float[] row(String key) {
    Integer row = rowOfKey.get(key);
    if (row != null) {
      return rows[row];
    }
    int index = freeRows.isEmpty() ? rowOfKey.size() : freeRows.pop();
    if (index >= rows.length) {
      rows = Arrays.copyOf(rows, Math.max(16, rows.length * 2));
    }
    float[] values = new float[steps];
    Arrays.fill(values, Float.NaN);
    rows[index] = values;
    rowOfKey.put(key, index);
    return values;
  }

  private static boolean allNaN(float[] values) {
    for (float value : values) {
      if (!Float.isNaN(value)) {
        return false;
      }
    }
    return true;
  }
}
