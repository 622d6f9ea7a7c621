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
 *   <li>{@code slurm-cli-json/}: outputs of Slurm 21.08 and 23.02 from the test fixtures of
 *       rivosinc/prometheus-slurm-exporter;
 *   <li>{@code testbed-22.05/}, {@code testbed-24.11/}: outputs of the project's test clusters
 *       (Debian's Slurm 22.05.8 and 24.11.5) with the seeded jobs 1 to 20 and nodes node01-node06
 *       or cn01-cn06;
 *   <li>{@code slurmrestd/}: slurmrestd answers of Slurm 24.05 to 25.11 from the test assets of
 *       rackslab/Slurm-web, which the command line tools print in the same format;
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
