package org.slurmscope.slurm.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.slurmscope.slurm.json.Fixtures.decode;
import static org.slurmscope.slurm.json.Fixtures.job;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.slurmscope.api.slurm.Job;
import org.slurmscope.api.slurm.JobState;
import org.slurmscope.api.slurm.MemoryRequest;
import org.slurmscope.api.slurm.TimeLimit;
import org.slurmscope.slurm.json.SlurmDocument.Content;

/** Job lists of squeue --json and scontrol show jobs --json from Slurm 21.08 to 24.11. */
class JobJsonTest {

  private static final String SLURM_21_08 =
      "slurm-cli-json/squeue-json_slurm-21.08.5_openapi-v0.0.37_EDITED.json";
  private static final String SLURM_23_02 =
      "slurm-cli-json/squeue-json_slurm-23.02.4_data_parser-v0.0.39.json";
  private static final String SLURM_22_05 = "testbed-22.05/squeue.json";

  // --- Slurm 21.08, openapi v0.0.37. Job 2 was edited by the fixture's authors to carry
  // {set, infinite, number} objects, so one document mixes both shapes.

  @Test
  void slurm2108DocumentHasTwoJobsAndMeta() {
    SlurmDocument document = decode(SLURM_21_08);

    assertThat(document.jobs()).hasSize(2);
    assertThat(document.has(Content.JOBS)).isTrue();
    assertThat(document.meta().slurmVersion()).isEqualTo("21.08.5");
    assertThat(document.meta().apiVersion()).isEqualTo("v0.0.37");
    assertThat(document.meta().cluster()).isEqualTo("examplecluster");
    assertThat(document.warnings()).isEmpty();
  }

  @Test
  void slurm2108RunningJobWithPlainNumbers() {
    Job job = job(decode(SLURM_21_08), "26515966");

    assertThat(job.state()).isEqualTo(JobState.of("RUNNING"));
    assertThat(job.user()).isEqualTo("user27");
    assertThat(job.account()).isEqualTo("account1");
    assertThat(job.partition()).isEqualTo("hw-l");
    assertThat(job.name()).isEqualTo("job_name");
    assertThat(job.reason()).isEqualTo("None");
    assertThat(job.nodes()).isEqualTo("cs75");
    assertThat(job.nodeCount()).isEqualTo(1);
    assertThat(job.cpus()).isEqualTo(1);
    assertThat(job.memory()).isEqualTo(new MemoryRequest(64000, MemoryRequest.Per.CPU));
    assertThat(job.timeLimit()).isEqualTo(TimeLimit.ofMinutes(30240));
    assertThat(job.submitTime()).isEqualTo(Instant.ofEpochSecond(1684114900));
    assertThat(job.startTime()).isEqualTo(Instant.ofEpochSecond(1684114921));
    assertThat(job.endTime()).isEqualTo(Instant.ofEpochSecond(1686633833));
    assertThat(job.arrayJobId()).isNull();
    assertThat(job.arrayTaskId()).isNull();
    assertThat(job.invalidFields()).isEmpty();
  }

  @Test
  void slurm2108PendingArrayWithNumberObjects() {
    Job job = job(decode(SLURM_21_08), "58948420_[1-10]");

    assertThat(job.state()).isEqualTo(JobState.of("PENDING"));
    assertThat(job.arrayJobId()).isEqualTo("58948420");
    assertThat(job.arrayTaskId()).isEqualTo("1-10");
    assertThat(job.reason()).isEqualTo("Dependency");
    assertThat(job.memory()).isEqualTo(new MemoryRequest(131072, MemoryRequest.Per.NODE));
    assertThat(job.timeLimit()).isEqualTo(TimeLimit.ofMinutes(1439));
    assertThat(job.cpus()).isEqualTo(1);
    assertThat(job.nodeCount()).isEqualTo(1);
    assertThat(job.nodes()).isEmpty();
    assertThat(job.startTime()).isNull();
    assertThat(job.endTime()).isNull();
    assertThat(job.submitTime()).isEqualTo(Instant.ofEpochSecond(1729715848));
    assertThat(job.invalidFields()).isEmpty();
  }

  // --- Slurm 23.02, data_parser v0.0.39: array tasks, held and requeued jobs.

  @Test
  void slurm2302ArrayTasksGetArrayIds() {
    SlurmDocument document = decode(SLURM_23_02);

    assertThat(document.jobs())
        .extracting(Job::id)
        .containsExactly("52173767_1470", "52173767_2000", "52409104_1078");
    assertThat(document.meta().slurmVersion()).isEqualTo("23.02.4");
    assertThat(document.meta().apiVersion()).isEqualTo("v0.0.39");
    assertThat(document.warnings()).isEmpty();
  }

  @Test
  void slurm2302HeldTaskKeepsReasonAndMemoryPerNode() {
    Job job = job(decode(SLURM_23_02), "52173767_1470");

    assertThat(job.state()).isEqualTo(JobState.of("PENDING"));
    assertThat(job.reason()).isEqualTo("JobHeldUser");
    assertThat(job.arrayJobId()).isEqualTo("52173767");
    assertThat(job.arrayTaskId()).isEqualTo("1470");
    // memory_per_cpu is {set: false}: the request is per node, never a per-CPU 0.
    assertThat(job.memory()).isEqualTo(new MemoryRequest(4096, MemoryRequest.Per.NODE));
    assertThat(job.timeLimit()).isEqualTo(TimeLimit.ofMinutes(120));
    assertThat(job.startTime()).isNull();
  }

  @Test
  void slurm2302CompletedTaskHasItsNode() {
    Job job = job(decode(SLURM_23_02), "52173767_2000");

    assertThat(job.state()).isEqualTo(JobState.of("COMPLETED"));
    assertThat(job.nodes()).isEqualTo("cs66");
    assertThat(job.startTime()).isEqualTo(Instant.ofEpochSecond(1694675238));
    assertThat(job.endTime()).isEqualTo(Instant.ofEpochSecond(1694675491));
  }

  // --- Slurm 22.05, openapi v0.0.38, the test cluster's seeded jobs.

  @Test
  void slurm2205ListsEveryJobIncludingFinishedOnes() {
    SlurmDocument document = decode(SLURM_22_05);

    assertThat(document.jobs()).hasSize(20);
    assertThat(document.jobs().stream().filter(job -> job.state().isRunning())).hasSize(5);
    assertThat(document.jobs().stream().filter(job -> job.state().isPending())).hasSize(6);
    assertThat(document.meta().slurmVersion()).isEqualTo("22.05.8");
    assertThat(document.meta().apiVersion()).isEqualTo("v0.0.38");
    assertThat(document.meta().cluster()).isEqualTo("testbed");
    assertThat(document.warnings()).isEmpty();
  }

  @Test
  void slurm2205RunningJobOnNode01() {
    Job job = job(decode(SLURM_22_05), "6");

    assertThat(job.state()).isEqualTo(JobState.of("RUNNING"));
    assertThat(job.name()).isEqualTo("train-resnet50");
    assertThat(job.user()).isEqualTo("alice");
    assertThat(job.partition()).isEqualTo("batch");
    assertThat(job.nodes()).isEqualTo("node01");
    assertThat(job.cpus()).isEqualTo(8);
    assertThat(job.memory()).isEqualTo(new MemoryRequest(2048, MemoryRequest.Per.NODE));
    assertThat(job.timeLimit()).isEqualTo(TimeLimit.ofMinutes(1440));
    assertThat(job.startTime()).isEqualTo(Instant.ofEpochSecond(1796413333));
    assertThat(job.endTime()).isEqualTo(Instant.ofEpochSecond(1796499733));
  }

  @Test
  void slurm2205PendingArrayRemainderKeepsRangeAndThrottle() {
    Job job = job(decode(SLURM_22_05), "8_[3-6%2]");

    assertThat(job.state()).isEqualTo(JobState.of("PENDING"));
    assertThat(job.reason()).isEqualTo("JobArrayTaskLimit");
    assertThat(job.arrayJobId()).isEqualTo("8");
    assertThat(job.arrayTaskId()).isEqualTo("3-6%2");
    assertThat(job.nodes()).isEmpty();
    assertThat(job.startTime()).isNull();
  }

  @Test
  void slurm2205ArrayTasksAreNamedByArrayAndTask() {
    SlurmDocument document = decode(SLURM_22_05);

    assertThat(job(document, "8_1").state()).isEqualTo(JobState.of("RUNNING"));
    assertThat(job(document, "8_1").nodes()).isEqualTo("node02");
    assertThat(job(document, "8_2").state()).isEqualTo(JobState.of("RUNNING"));
    assertThat(job(document, "4_3").state()).isEqualTo(JobState.of("COMPLETED"));
    assertThat(document.jobs()).extracting(Job::id).doesNotContain("18", "19", "16", "17");
  }

  @Test
  void slurm2205ArrayTasksKeepTheirOwnJobId() {
    SlurmDocument document = decode(SLURM_22_05);

    // Task 8_1 runs as job 18 (cgroup job_18), as the testbed's seed records.
    assertThat(job(document, "8_1").slurmJobId()).isEqualTo(18L);
    assertThat(job(document, "8_2").slurmJobId()).isEqualTo(19L);
    assertThat(job(document, "6").slurmJobId()).isEqualTo(6L);
  }

  @Test
  void slurm2205PendingJobHasEstimatedStartAndMemoryPerCpu() {
    Job job = job(decode(SLURM_22_05), "11");

    assertThat(job.reason()).isEqualTo("Resources");
    assertThat(job.cpus()).isEqualTo(4);
    assertThat(job.memory()).isEqualTo(new MemoryRequest(500, MemoryRequest.Per.CPU));
    assertThat(job.startTime()).isEqualTo(Instant.ofEpochSecond(1796499733));
    assertThat(job.elapsed(Instant.ofEpochSecond(1796500000))).isNull();
  }

  @Test
  void slurm2205FinishedJobsKeepTheirEndState() {
    SlurmDocument document = decode(SLURM_22_05);

    assertThat(job(document, "2").state()).isEqualTo(JobState.of("FAILED"));
    assertThat(job(document, "3").state()).isEqualTo(JobState.of("OUT_OF_MEMORY"));
    assertThat(job(document, "3").reason()).isEqualTo("OutOfMemory");
    assertThat(job(document, "9").state()).isEqualTo(JobState.of("TIMEOUT"));
    assertThat(job(document, "9").timeLimit()).isEqualTo(TimeLimit.ofMinutes(1));
  }

  // --- Slurm 24.11, data_parser v0.0.42 (and v0.0.40/v0.0.41 through --json=VERSION).

  @Test
  void slurm2411SqueueHonoursDefaultFilter() {
    SlurmDocument document = decode("testbed-24.11/squeue.json");

    assertThat(document.jobs()).hasSize(11);
    assertThat(document.jobs()).noneMatch(job -> job.state().isFinished());
    assertThat(document.meta().slurmVersion()).isEqualTo("24.11.5");
    assertThat(document.meta().apiVersion()).isEqualTo("v0.0.42");
    assertThat(document.meta().cluster()).isEqualTo("modern");
    assertThat(document.warnings()).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "testbed-24.11/squeue-t-all.json",
        "testbed-24.11/squeue-t-all.v0.0.41.json",
        "testbed-24.11/squeue-t-all.v0.0.40.json",
        "testbed-24.11/scontrol-show-jobs.json"
      })
  void slurm2411AllJobsDecodeAlike(String resource) {
    SlurmDocument document = decode(resource);

    assertThat(document.jobs()).hasSize(19);
    assertThat(document.warnings()).isEmpty();
    assertThat(document.jobs()).allMatch(job -> job.invalidFields().isEmpty());
    Job training = job(document, "6");
    assertThat(training.state()).isEqualTo(JobState.of("RUNNING"));
    assertThat(training.nodes()).isEqualTo("cn01");
    assertThat(training.cpus()).isEqualTo(8);
    assertThat(training.memory()).isEqualTo(new MemoryRequest(2048, MemoryRequest.Per.NODE));
    assertThat(training.timeLimit()).isEqualTo(TimeLimit.ofMinutes(1440));
    assertThat(training.startTime()).isEqualTo(Instant.ofEpochSecond(1796414828));
    Job hello = job(document, "1");
    assertThat(hello.state()).isEqualTo(JobState.of("COMPLETED"));
    assertThat(hello.memory()).isEqualTo(new MemoryRequest(500, MemoryRequest.Per.CPU));
    assertThat(job(document, "8_[3-6%2]").state()).isEqualTo(JobState.of("PENDING"));
    assertThat(job(document, "4_1").nodes()).isEqualTo("cn03");
    assertThat(job(document, "15").reason()).isEqualTo("Resources");
    assertThat(job(document, "14").startTime()).isEqualTo(Instant.ofEpochSecond(1796458025));
  }

  @Test
  void slurm2411ApiVersionFollowsRequestedFormat() {
    assertThat(decode("testbed-24.11/squeue-t-all.v0.0.40.json").meta().apiVersion())
        .isEqualTo("v0.0.40");
    assertThat(decode("testbed-24.11/squeue-t-all.v0.0.41.json").meta().apiVersion())
        .isEqualTo("v0.0.41");
  }

  @Test
  void slurm2411JobArrayRecords() {
    SlurmDocument document = decode("testbed-24.11/scontrol-show-job-array.json");

    assertThat(document.jobs()).extracting(Job::id).containsExactly("8_[3-6%2]", "8_2", "8_1");
    assertThat(document.jobs())
        .extracting(Job::state)
        .containsExactly(JobState.of("PENDING"), JobState.of("RUNNING"), JobState.of("RUNNING"));
    assertThat(document.jobs()).extracting(Job::arrayJobId).containsOnly("8");
  }

  @Test
  void jobsKeepDocumentOrder() {
    List<String> ids = decode(SLURM_22_05).jobs().stream().map(Job::id).limit(4).toList();

    assertThat(ids).containsExactly("1", "2", "3", "4_1");
  }
}
