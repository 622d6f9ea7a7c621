package org.slurmscope.api.slurm;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ExitCodeTest {

  @Test
  void waitStatusOfAScriptThatExitedWithThreeIsReturnCodeThree() {
    ExitCode code = ExitCode.ofWaitStatus(768);

    assertThat(code.returnCode()).isEqualTo(3);
    assertThat(code.signal()).isNull();
    assertThat(code.text()).isEqualTo("3:0");
    assertThat(code.isSuccess()).isFalse();
  }

  @Test
  void waitStatusOfAScriptEndedBySigtermIsSignalFifteen() {
    ExitCode code = ExitCode.ofWaitStatus(15);

    assertThat(code.status()).isEqualTo("SIGNALED");
    assertThat(code.signal()).isEqualTo(15);
    assertThat(code.text()).isEqualTo("0:15");
  }

  @Test
  void gpusDescribeTheirTypes() {
    Gpus gpus = new Gpus(2, Map.of("h100", 1), List.of(0, 2));

    assertThat(gpus.describe()).isEqualTo("h100:1");
    assertThat(new Gpus(4, Map.of(), List.of()).describe()).isEqualTo("4");
    assertThat(Gpus.NONE.describe()).isEmpty();
  }

  @Test
  void jobOfTheFirstModelVersionHasNoGpusAndNoHosts() {
    Job job =
        new Job(
            "1",
            null,
            null,
            "alice",
            null,
            null,
            null,
            JobState.of("PENDING"),
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            java.util.Set.of());

    assertThat(job.gpus()).isEqualTo(Gpus.NONE);
    assertThat(job.hosts()).isEmpty();
    assertThat(job.estimatedStart()).isNull();
  }
}
