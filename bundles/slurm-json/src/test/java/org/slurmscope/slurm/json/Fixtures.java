package org.slurmscope.slurm.json;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.slurmscope.api.slurm.Job;
import org.slurmscope.api.slurm.Node;
import org.slurmscope.api.slurm.Partition;
import org.slurmscope.api.slurm.SlurmSourceException;

/**
 * Loads the recorded Slurm outputs under {@code src/test/resources}.
 *
 * <ul>
 *   <li>{@code slurmrestd/}: slurmrestd answers of Slurm 23.02 to 25.11 (v0.0.39 to v0.0.44) from
 *       the test assets of rackslab/Slurm-web, one folder per release and API version, with the
 *       HTTP status of each;
 *   <li>{@code slurm-cli-json/}, {@code slurm-cli-text/}: {@code --json} and text outputs of Slurm
 *       21.08 to 26.05 from exporters' test data;
 *   <li>{@code hostlist/}: Slurm 26.05's own expansion and compression of hostlists, case by case;
 *   <li>{@code testbed-22.05/}, {@code testbed-24.11/}: outputs of the project's test clusters
 *       (Debian's Slurm 22.05.8 and 24.11.5) with the seeded jobs 1 to 20 and nodes node01-node06
 *       or cn01-cn06;
 *   <li>{@code same-moment-22.05/}, {@code same-moment-24.11/}: the same test clusters read within
 *       one second through slurmrestd (every API version it serves) and the command line tools;
 *   <li>{@code edited/}: copies of those with one field changed on purpose.
 * </ul>
 */
final class Fixtures {

  private Fixtures() {}

  static InputStream open(String resource) {
    InputStream in = Fixtures.class.getClassLoader().getResourceAsStream(resource);
    if (in == null) {
      throw new IllegalArgumentException("test resource not found: " + resource);
    }
    return in;
  }

  static SlurmDocument decode(String resource) {
    try {
      return SlurmJsonDecoder.decode(open(resource), resource);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (SlurmSourceException e) {
      throw new AssertionError("decoding " + resource + " failed: " + e.getMessage(), e);
    }
  }

  static SlurmDocument decodeText(String json) throws IOException, SlurmSourceException {
    return SlurmJsonDecoder.decode(
        new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), "test input");
  }

  static Job job(SlurmDocument document, String id) {
    return only(document.jobs().stream().filter(job -> job.id().equals(id)).toList(), "job " + id);
  }

  static Node node(SlurmDocument document, String name) {
    return only(
        document.nodes().stream().filter(node -> node.name().equals(name)).toList(),
        "node " + name);
  }

  static Partition partition(SlurmDocument document, String name) {
    return only(
        document.partitions().stream().filter(p -> p.name().equals(name)).toList(),
        "partition " + name);
  }

  private static <T> T only(List<T> matches, String what) {
    if (matches.size() != 1) {
      throw new AssertionError("expected one " + what + ", found " + matches.size());
    }
    return matches.get(0);
  }
}
