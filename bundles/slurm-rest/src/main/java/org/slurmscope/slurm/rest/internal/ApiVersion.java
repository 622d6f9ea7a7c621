package org.slurmscope.slurm.rest.internal;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A slurmrestd API version such as {@code v0.0.42}, ordered by its numbers.
 *
 * @param major the first number
 * @param minor the second number
 * @param micro the third number
 */
record ApiVersion(int major, int minor, int micro) implements Comparable<ApiVersion> {

  /**
   * The versions the shared decoder reads, oldest first: v0.0.37 (Slurm 21.08) to v0.0.44 (25.11).
   * Each release of slurmrestd serves the last three.
   */
  static final List<ApiVersion> SUPPORTED =
      List.of(
          new ApiVersion(0, 0, 37),
          new ApiVersion(0, 0, 38),
          new ApiVersion(0, 0, 39),
          new ApiVersion(0, 0, 40),
          new ApiVersion(0, 0, 41),
          new ApiVersion(0, 0, 42),
          new ApiVersion(0, 0, 43),
          new ApiVersion(0, 0, 44));

  private static final Pattern TEXT = Pattern.compile("v(\\d{1,4})\\.(\\d{1,4})\\.(\\d{1,4})");

  /** The version in a path such as {@code /slurm/v0.0.42/ping/}. */
  static final Pattern IN_PATH = Pattern.compile("^/slurm/(v\\d{1,4}\\.\\d{1,4}\\.\\d{1,4})/");

  /** Parses {@code v0.0.42}; returns null for any other text. */
  static ApiVersion parse(String text) {
    Matcher match = TEXT.matcher(text);
    if (!match.matches()) {
      return null;
    }
    return new ApiVersion(
        Integer.parseInt(match.group(1)),
        Integer.parseInt(match.group(2)),
        Integer.parseInt(match.group(3)));
  }

  static ApiVersion newest() {
    return SUPPORTED.get(SUPPORTED.size() - 1);
  }

  @Override
  public int compareTo(ApiVersion other) {
    if (major != other.major) {
      return Integer.compare(major, other.major);
    }
    if (minor != other.minor) {
      return Integer.compare(minor, other.minor);
    }
    return Integer.compare(micro, other.micro);
  }

  @Override
  public String toString() {
    return "v" + major + "." + minor + "." + micro;
  }
}
