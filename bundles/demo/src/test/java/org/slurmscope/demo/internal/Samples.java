package org.slurmscope.demo.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.slurmscope.api.slurm.Job;
import org.slurmscope.api.slurm.Node;
import org.slurmscope.api.slurm.SlurmSnapshot;

/** Moments and helpers shared by the demo cluster tests. */
final class Samples {

  static final Instant START = Instant.parse("2026-12-05T09:00:00Z");

  /** Moments spread over a week at uneven offsets, so they meet lanes at different phases. */
  static final List<Instant> MOMENTS =
      List.of(
          START,
          START.plus(Duration.parse("PT1H13M7S")),
          START.plus(Duration.parse("PT9H31M")),
          START.plus(Duration.parse("P1DT4H22M41S")),
          START.plus(Duration.parse("P3DT17H5M3S")),
          START.plus(Duration.parse("P6DT11H48M29S")));

  private Samples() {}

  static DemoCluster defaultCluster() {
    return new DemoCluster(42, 64, 300, "demo");
  }

  /**
   * Expands the hostlists the demo writes: a plain name or one prefix with one bracket of
   * comma-separated numbers and ranges, such as {@code cn[005-008,011]}.
   */
  static List<String> expand(String hostlist) {
    List<String> names = new ArrayList<>();
    if (hostlist.isEmpty()) {
      return names;
    }
    int open = hostlist.indexOf('[');
    if (open < 0) {
      names.add(hostlist);
      return names;
    }
    String prefix = hostlist.substring(0, open);
    String ranges = hostlist.substring(open + 1, hostlist.length() - 1);
    for (String range : ranges.split(",")) {
      String[] bounds = range.split("-");
      int width = bounds[0].length();
      long first = Long.parseLong(bounds[0]);
      long last = bounds.length == 1 ? first : Long.parseLong(bounds[1]);
      for (long number = first; number <= last; number++) {
        names.add(prefix + Hostlists.pad(number, width));
      }
    }
    return names;
  }

  /** Returns the jobs of a snapshot that run on the named node. */
  static List<Job> runningOn(SlurmSnapshot snapshot, Node node) {
    List<Job> jobs = new ArrayList<>();
    for (Job job : snapshot.jobs()) {
      if (job.state().isRunning() && expand(job.nodes()).contains(node.name())) {
        jobs.add(job);
      }
    }
    return jobs;
  }
}
