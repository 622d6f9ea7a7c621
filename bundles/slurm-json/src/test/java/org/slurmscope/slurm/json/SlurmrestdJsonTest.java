package org.slurmscope.slurm.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.slurmscope.slurm.json.Fixtures.decode;
import static org.slurmscope.slurm.json.Fixtures.node;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.slurmscope.api.slurm.Job;
import org.slurmscope.api.slurm.MemoryRequest;
import org.slurmscope.api.slurm.NodeState;
import org.slurmscope.api.slurm.SlurmSourceException;
import org.slurmscope.api.slurm.TimeLimit;

/** Later formats (v0.0.41 to v0.0.44) as slurmrestd returns them, for the same decoder. */
class SlurmrestdJsonTest {

  @Test
  void v0041JobWithRestructuredJobResources() {
    // v0.0.41 turned job_resources.nodes from a string into an object; the top-level nodes
    // hostlist stays a string.
    SlurmDocument document = decode("slurmrestd/v0.0.41_slurm-24.05.3/slurm-job-running.json");
    Job job = Fixtures.job(document, "649722");

    assertThat(job.state().isRunning()).isTrue();
    assertThat(job.nodes()).isEqualTo("cn001");
    assertThat(job.user()).isEqualTo("user14");
    assertThat(job.memory()).isEqualTo(new MemoryRequest(512, MemoryRequest.Per.CPU));
    assertThat(job.timeLimit()).isEqualTo(TimeLimit.ofMinutes(2));
    assertThat(job.startTime()).isEqualTo(Instant.ofEpochSecond(1747754478));
    assertThat(job.invalidFields()).isEmpty();
    assertThat(document.meta().describe()).isEqualTo("Slurm 24.05.3, API v0.0.41");
    assertThat(document.warnings()).isEmpty();
  }

  @Test
  void v0041DrainingNodeKeepsReason() {
    SlurmDocument document = decode("slurmrestd/v0.0.41_slurm-24.05.3/slurm-node-draining.json");

    assertThat(node(document, "cn1").state()).isEqualTo(new NodeState("MIXED", List.of("DRAIN")));
    assertThat(node(document, "cn1").state().summary()).isEqualTo("DRAINING");
    assertThat(node(document, "cn1").reason()).isEqualTo("ECC memory error");
  }

  @Test
  void v0044NodesOfSlurm2511() {
    SlurmDocument document = decode("slurmrestd/v0.0.44_slurm-25.11.0/slurm-nodes.json");

    assertThat(document.nodes()).hasSize(8);
    assertThat(node(document, "cn1").state().compound()).isEqualTo("IDLE+DRAIN");
    assertThat(node(document, "cn4").cpusAllocated()).isEqualTo(46);
    assertThat(node(document, "cn4").cpusTotal()).isEqualTo(64);
    assertThat(node(document, "cn4").memoryFreeMb()).isEqualTo(852L);
    assertThat(node(document, "cn4").cpuLoad()).isEqualTo(0.3);
    assertThat(document.meta().describe()).isEqualTo("Slurm 25.11.0, API v0.0.44");
    assertThat(document.warnings()).isEmpty();
  }

  @Test
  void jobNotFoundErrorFailsWithSlurmText() {
    assertThatThrownBy(() -> decode("slurmrestd/v0.0.42_slurm-24.11.5/slurm-job-unfound.json"))
        .isInstanceOf(AssertionError.class)
        .cause()
        .isInstanceOf(SlurmSourceException.class)
        .hasMessageContaining("Invalid job id specified")
        .hasMessageContaining("error 2017")
        .hasMessageContaining("Slurm 24.11.5");
  }
}
