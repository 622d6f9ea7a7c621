package org.slurmscope.api.slurm;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * GPUs of a job or a node, from Slurm's GRES and TRES strings ({@code gpu:a100:2(IDX:0-1)}, {@code
 * gres/gpu:a100=2}).
 *
 * @param count the number of GPUs; for a mix of types the sum over the types
 * @param types the count per GPU type ({@code a100}) in the order Slurm listed them; empty when
 *     Slurm named no type
 * @param indexes the GPU indexes on the node ({@code IDX:0-1} gives 0 and 1), ascending; empty when
 *     Slurm did not say
 * @since 1.1
 */
public record Gpus(int count, Map<String, Integer> types, List<Integer> indexes) {

  /** No GPUs. */
  public static final Gpus NONE = new Gpus(0, Map.of(), List.of());

  public Gpus {
    if (count < 0) {
      throw new IllegalArgumentException("GPU count must not be negative: " + count);
    }
    types = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(types));
    indexes = List.copyOf(indexes);
  }

  /** Returns true when there is at least one GPU. */
  public boolean any() {
    return count > 0;
  }

  /**
   * Returns the GPUs as people read them: {@code 2}, {@code a100:2} or {@code h100:1,h200:1}, and
   * an empty string for none.
   */
  public String describe() {
    if (count == 0) {
      return "";
    }
    if (types.isEmpty()) {
      return Integer.toString(count);
    }
    StringBuilder text = new StringBuilder();
    types.forEach(
        (type, n) -> text.append(text.length() == 0 ? "" : ",").append(type).append(':').append(n));
    return text.toString();
  }
}
