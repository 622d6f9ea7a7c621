package org.slurmscope.slurm.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.slurmscope.slurm.json.Fixtures.decode;
import static org.slurmscope.slurm.json.Fixtures.partition;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.slurmscope.api.slurm.Partition;
import org.slurmscope.api.slurm.TimeLimit;
import org.slurmscope.slurm.json.SlurmDocument.Content;

/** Partitions from scontrol show partitions --json and from the rows of sinfo --json. */
class PartitionJsonTest {

  @ParameterizedTest
  @ValueSource(
      strings = {"testbed-24.11/scontrol-show-partitions.json", "testbed-24.11/sinfo.json"})
  void slurm2411PartitionsOfTheTestCluster(String resource) {
    SlurmDocument document = decode(resource);

    assertThat(document.partitions())
        .extracting(Partition::name)
        .containsExactly("debug", "batch", "gpu", "long");
    assertThat(partition(document, "debug"))
        .isEqualTo(
            new Partition("debug", false, "UP", "cn[01-03]", 3, 24, TimeLimit.ofMinutes(60)));
    assertThat(partition(document, "batch"))
        .isEqualTo(
            new Partition("batch", false, "UP", "cn[01-06]", 6, 36, TimeLimit.ofMinutes(2880)));
    assertThat(partition(document, "gpu"))
        .isEqualTo(
            new Partition("gpu", false, "UP", "cn[04-06]", 3, 12, TimeLimit.ofMinutes(1440)));
    assertThat(partition(document, "long"))
        .isEqualTo(
            new Partition("long", false, "DOWN", "cn[01-03]", 3, 24, TimeLimit.ofMinutes(10080)));
  }

  @Test
  void slurm2411WarningOfScontrolIsKept() {
    SlurmDocument document = decode("testbed-24.11/scontrol-show-partitions.json");

    // The test cluster runs without slurmdbd, and scontrol reports that in its warnings list.
    assertThat(document.warnings())
        .singleElement()
        .asString()
        .contains("Slurm warning: Slurm accounting storage is disabled")
        .contains("Slurm 24.11.5");
  }

  @Test
  void slurm2411SinfoGroupsAreNotANodeList() {
    SlurmDocument document = decode("testbed-24.11/sinfo.json");

    assertThat(document.has(Content.PARTITIONS)).isTrue();
    assertThat(document.has(Content.NODES)).isFalse();
    assertThat(document.nodes()).isEmpty();
    assertThat(document.meta().slurmVersion()).isEqualTo("24.11.5");
  }

  @Test
  void slurm2302SinfoRowCarriesPartitionWithInfiniteTime() {
    SlurmDocument document =
        decode("slurm-cli-json/sinfo-N-json_slurm-23.02.5_data_parser-v0.0.39.json");

    // maximums.time is {"set": false, "infinite": true}: unlimited, never 0 minutes. 23.02 sends
    // no partition state in sinfo rows.
    assertThat(partition(document, "debug"))
        .isEqualTo(new Partition("debug", false, null, "localhost", 1, 1, TimeLimit.UNLIMITED));
    assertThat(document.has(Content.PARTITIONS)).isTrue();
  }
}
