package org.slurmscope.slurm.json;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.slurmscope.api.slurm.Gpus;

/**
 * Reads the GPUs out of Slurm's three GRES syntaxes:
 *
 * <ul>
 *   <li>GRES, as in a node's {@code gres} and {@code gres_used} and a job's {@code gres_detail}:
 *       {@code gpu:a100:2(S:0-1)}, {@code gpu:h100:1(IDX:0),gpu:h200:1(IDX:2)}, {@code
 *       gpu:model_a:0(IDX:N/A)}, {@code gpu:4};
 *   <li>TRES, as in {@code tres_alloc_str} and {@code AllocTRES}: {@code cpu=4,gres/gpu=4,
 *       gres/gpu:a100=4}, the untyped total next to the typed entries;
 *   <li>TRES requests, as in {@code tres_per_node} and {@code tres_per_job}: {@code
 *       gres/gpu:h100:1,gres/gpu:h200:1} or {@code gres:gpu:2} (Slurm 22.05).
 * </ul>
 *
 * <p>The count is the untyped entry when one is given, else the sum of the typed entries, so {@code
 * gres/gpu=4,gres/gpu:a100=4} is 4 GPUs, not 8. Other GRES ({@code mps}, {@code shard}) and other
 * TRES are ignored.
 */
public final class GpuText {

  private GpuText() {}

  /**
   * Reads GRES text. Returns {@link Gpus#NONE} for null, empty, {@code (null)} and {@code N/A}.
   *
   * @throws IllegalArgumentException when a GPU entry has a count that is not a number
   */
  public static Gpus gres(String text) {
    Tally tally = new Tally();
    for (String entry : entries(text)) {
      String indexes = null;
      int paren = entry.indexOf('(');
      String spec = entry;
      if (paren >= 0) {
        spec = entry.substring(0, paren);
        String detail =
            entry.substring(paren + 1, entry.endsWith(")") ? entry.length() - 1 : entry.length());
        if (detail.startsWith("IDX:")) {
          indexes = detail.substring(4);
        }
      }
      String[] parts = spec.split(":");
      if (!parts[0].equals("gpu")) {
        continue;
      }
      String type = null;
      long count = 1;
      if (parts.length == 2) {
        if (isCount(parts[1])) {
          count = count(text, parts[1]);
        } else {
          type = parts[1];
        }
      } else if (parts.length >= 3) {
        type = parts[1];
        count = count(text, parts[2]);
      }
      tally.add(type, count);
      tally.indexes(text, indexes);
    }
    return tally.gpus();
  }

  /**
   * Reads a TRES string ({@code gres/gpu:a100=2}) or a TRES request ({@code gres/gpu:a100:2},
   * {@code gres:gpu:2}). Returns {@link Gpus#NONE} for null, empty and {@code N/A}.
   *
   * @throws IllegalArgumentException when a GPU entry has a count that is not a number
   */
  public static Gpus tres(String text) {
    Tally tally = new Tally();
    for (String entry : entries(text)) {
      String name;
      String countText;
      int equals = entry.indexOf('=');
      if (equals >= 0) {
        name = entry.substring(0, equals);
        countText = entry.substring(equals + 1);
      } else {
        int colon = entry.lastIndexOf(':');
        if (colon < 0) {
          continue;
        }
        name = entry.substring(0, colon);
        countText = entry.substring(colon + 1);
      }
      String[] parts = name.replace('/', ':').split(":");
      if (parts.length < 2 || !parts[0].equals("gres") || !parts[1].equals("gpu")) {
        continue;
      }
      tally.add(parts.length > 2 ? parts[2] : null, count(text, countText));
    }
    return tally.gpus();
  }

  /**
   * Adds GPU sets: counts, per-type counts and indexes, as for a job's {@code gres_detail} with one
   * entry per node.
   */
  public static Gpus sum(List<Gpus> sets) {
    int count = 0;
    Map<String, Integer> types = new LinkedHashMap<>();
    TreeSet<Integer> indexes = new TreeSet<>();
    for (Gpus gpus : sets) {
      count += gpus.count();
      gpus.types().forEach((type, n) -> types.merge(type, n, Integer::sum));
      indexes.addAll(gpus.indexes());
    }
    return count == 0 ? Gpus.NONE : new Gpus(count, types, new ArrayList<>(indexes));
  }

  /** Splits at the commas outside parentheses: {@code gpu:2(IDX:0,2)} is one entry. */
  private static List<String> entries(String text) {
    List<String> entries = new ArrayList<>();
    if (text == null) {
      return entries;
    }
    String stripped = text.strip();
    if (stripped.isEmpty() || stripped.equals("(null)") || stripped.equalsIgnoreCase("N/A")) {
      return entries;
    }
    int depth = 0;
    int start = 0;
    for (int i = 0; i <= stripped.length(); i++) {
      char c = i < stripped.length() ? stripped.charAt(i) : ',';
      if (c == '(') {
        depth++;
      } else if (c == ')') {
        depth = Math.max(0, depth - 1);
      } else if (c == ',' && depth == 0) {
        String entry = stripped.substring(start, i).strip();
        if (!entry.isEmpty()) {
          entries.add(entry);
        }
        start = i + 1;
      }
    }
    return entries;
  }

  private static boolean isCount(String text) {
    return !text.isEmpty() && Character.isDigit(text.charAt(0));
  }

  /** Parses a count; Slurm may append K, M or G (powers of 1024) to a large one. */
  private static long count(String text, String value) {
    String digits = value.strip();
    long factor = 1;
    if (!digits.isEmpty()) {
      char unit = Character.toUpperCase(digits.charAt(digits.length() - 1));
      factor =
          switch (unit) {
            case 'K' -> 1024L;
            case 'M' -> 1024L * 1024;
            case 'G' -> 1024L * 1024 * 1024;
            default -> 1;
          };
      if (factor > 1) {
        digits = digits.substring(0, digits.length() - 1);
      }
    }
    try {
      long count = Long.parseLong(digits) * factor;
      if (count < 0 || count > Integer.MAX_VALUE) {
        throw new NumberFormatException(value);
      }
      return count;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "GPU count \"" + value + "\" in \"" + text + "\" is not a number");
    }
  }

  /** Counts untyped and typed GPU entries apart, and collects indexes. */
  private static final class Tally {
    private long untyped;
    private boolean hasUntyped;
    private final Map<String, Integer> types = new LinkedHashMap<>();
    private final TreeSet<Integer> indexes = new TreeSet<>();

    void add(String type, long count) {
      if (type == null) {
        untyped += count;
        hasUntyped = true;
      } else {
        types.merge(type, (int) count, Integer::sum);
      }
    }

    /** Adds {@code 0-1,3}; {@code N/A} adds nothing. */
    void indexes(String text, String list) {
      if (list == null || list.isBlank() || list.strip().equalsIgnoreCase("N/A")) {
        return;
      }
      for (String part : list.split(",")) {
        String[] bounds = part.strip().split("-");
        try {
          int lo = Integer.parseInt(bounds[0]);
          int hi = bounds.length > 1 ? Integer.parseInt(bounds[1]) : lo;
          for (int i = lo; i <= hi && i - lo < 4096; i++) {
            indexes.add(i);
          }
        } catch (NumberFormatException e) {
          throw new IllegalArgumentException(
              "GPU index list \"" + list + "\" in \"" + text + "\" is not a list of numbers");
        }
      }
    }

    Gpus gpus() {
      // A type with 0 GPUs, as in gres_used's gpu:h200:0(IDX:N/A), adds no GPU in use.
      types.values().removeIf(n -> n == 0);
      long typed = types.values().stream().mapToLong(Integer::longValue).sum();
      long count = hasUntyped ? untyped : typed;
      if (count == 0 && indexes.isEmpty()) {
        return Gpus.NONE;
      }
      return new Gpus((int) count, types, new ArrayList<>(indexes));
    }
  }
}
