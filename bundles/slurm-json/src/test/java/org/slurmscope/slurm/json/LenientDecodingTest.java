package org.slurmscope.slurm.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.slurmscope.slurm.json.Fixtures.decode;
import static org.slurmscope.slurm.json.Fixtures.decodeText;
import static org.slurmscope.slurm.json.Fixtures.job;

import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.slurmscope.api.slurm.Job;
import org.slurmscope.api.slurm.JobState;
import org.slurmscope.api.slurm.MemoryRequest;
import org.slurmscope.api.slurm.NodeState;
import org.slurmscope.api.slurm.SlurmSourceException;
import org.slurmscope.api.slurm.TimeLimit;
import org.slurmscope.slurm.json.SlurmDocument.Content;

/** Unexpected shapes degrade one field; only non-JSON output and Slurm errors fail a document. */
class LenientDecodingTest {

  /**
   * A copy of testbed-24.11/squeue.json in which job 7's time_limit object was replaced by the
   * string "12:00:00"; nothing else differs.
   */
  private static final String TIME_LIMIT_AS_STRING =
      "edited/squeue-24.11_job-7-time-limit-as-string.json";

  /**
   * A copy of testbed-22.05/squeue.json in which job 7's job_state "RUNNING" was replaced by the
   * object {"current": "RUNNING"}; nothing else differs.
   */
  private static final String STATE_AS_OBJECT = "edited/squeue-22.05_job-7-state-as-object.json";

  @Test
  void wrongTypeDegradesOnlyThatField() {
    SlurmDocument document = decode(TIME_LIMIT_AS_STRING);
    Job job = job(document, "7");

    assertThat(job.timeLimit()).isNull();
    assertThat(job.invalidFields()).containsExactly("timeLimit");
    assertThat(job.isInvalid("timeLimit")).isTrue();
    assertThat(job.state()).isEqualTo(JobState.of("RUNNING"));
    assertThat(job.cpus()).isEqualTo(2);
    assertThat(job.nodes()).isEqualTo("cn02");
    assertThat(job.memory()).isEqualTo(new MemoryRequest(1024, MemoryRequest.Per.NODE));
  }

  @Test
  void wrongTypeLeavesOtherJobsAlone() {
    SlurmDocument document = decode(TIME_LIMIT_AS_STRING);

    assertThat(document.jobs()).hasSize(11);
    assertThat(document.jobs())
        .filteredOn(job -> !job.id().equals("7"))
        .allMatch(job -> job.invalidFields().isEmpty());
    assertThat(job(document, "6").timeLimit()).isEqualTo(TimeLimit.ofMinutes(1440));
  }

  @Test
  void wrongTypeAddsOneWarningNamingFieldJobAndRelease() {
    List<String> warnings = decode(TIME_LIMIT_AS_STRING).warnings();

    assertThat(warnings).hasSize(1);
    assertThat(warnings.get(0))
        .contains("job 7")
        .contains("time_limit")
        .contains("\"12:00:00\"")
        .contains("timeLimit is shown as unknown")
        .contains("Slurm 24.11.5")
        .contains("v0.0.42");
  }

  @Test
  void undecodableStateIsMarkedInvalid() {
    SlurmDocument document = decode(STATE_AS_OBJECT);
    Job job = job(document, "7");

    assertThat(job.isInvalid("state")).isTrue();
    assertThat(job.state().base()).isEqualTo(JobDecoder.UNDECODED_STATE);
    assertThat(job.nodes()).isEqualTo("node02");
    assertThat(document.jobs()).hasSize(20);
    assertThat(document.warnings()).singleElement().asString().contains("job_state", "22.05.8");
  }

  @Test
  void unknownJobStateIsKeptVerbatim() throws IOException, SlurmSourceException {
    SlurmDocument document =
        decodeText("{\"jobs\": [{\"job_id\": 5, \"job_state\": [\"EXPEDITING\", \"NEW_FLAG\"]}]}");

    assertThat(job(document, "5").state())
        .isEqualTo(new JobState("EXPEDITING", List.of("NEW_FLAG")));
    assertThat(document.warnings()).isEmpty();
  }

  @Test
  void heterogeneousComponentIdHasOffset() throws IOException, SlurmSourceException {
    SlurmDocument document =
        decodeText(
            "{\"jobs\": [{\"job_id\": 1235, \"job_state\": \"RUNNING\", \"het_job_id\": 1234,"
                + " \"het_job_offset\": 1}]}");

    assertThat(document.jobs()).extracting(Job::id).containsExactly("1234+1");
  }

  @Test
  void singlePendingArrayTaskHasNoBrackets() throws IOException, SlurmSourceException {
    SlurmDocument document =
        decodeText(
            "{\"jobs\": [{\"job_id\": 40, \"job_state\": \"PENDING\", \"array_job_id\": 40,"
                + " \"array_task_id\": null, \"array_task_string\": \"7\"}]}");

    assertThat(document.jobs()).extracting(Job::id).containsExactly("40_7");
  }

  @Test
  void infiniteTimeLimitIsUnlimited() throws IOException, SlurmSourceException {
    SlurmDocument document =
        decodeText(
            "{\"jobs\": ["
                + "{\"job_id\": 1, \"job_state\": \"RUNNING\", \"time_limit\": {\"set\": false,"
                + " \"infinite\": true, \"number\": 0}},"
                + "{\"job_id\": 2, \"job_state\": \"RUNNING\", \"time_limit\": 4294967295},"
                + "{\"job_id\": 3, \"job_state\": \"RUNNING\", \"time_limit\": {\"set\": false,"
                + " \"infinite\": false, \"number\": 0}}]}");

    assertThat(job(document, "1").timeLimit()).isEqualTo(TimeLimit.UNLIMITED);
    assertThat(job(document, "2").timeLimit()).isEqualTo(TimeLimit.UNLIMITED);
    assertThat(job(document, "3").timeLimit()).isEqualTo(TimeLimit.NOT_SET);
  }

  @Test
  void unsetMemoryIsAbsentNotZero() throws IOException, SlurmSourceException {
    SlurmDocument document =
        decodeText(
            "{\"jobs\": [{\"job_id\": 1, \"job_state\": \"PENDING\", \"memory_per_node\":"
                + " {\"set\": false, \"number\": 0}, \"memory_per_cpu\": {\"set\": false,"
                + " \"number\": 0}}]}");

    assertThat(job(document, "1").memory()).isNull();
    assertThat(job(document, "1").invalidFields()).isEmpty();
  }

  @Test
  void jobWithoutIdIsSkippedWithWarning() throws IOException, SlurmSourceException {
    SlurmDocument document =
        decodeText(
            "{\"jobs\": [{\"job_state\": \"RUNNING\"}, {\"job_id\": 2, \"job_state\":"
                + " \"RUNNING\"}]}");

    assertThat(document.jobs()).extracting(Job::id).containsExactly("2");
    assertThat(document.warnings()).singleElement().asString().contains("jobs[0]", "job_id");
  }

  @Test
  void nodeStateStringWithFlagsIsSplit() throws IOException, SlurmSourceException {
    SlurmDocument document =
        decodeText(
            "{\"nodes\": [{\"name\": \"n1\", \"state\": \"down+drain\", \"state_flags\":"
                + " [\"NOT_RESPONDING\"]}]}");

    assertThat(document.nodes().get(0).state())
        .isEqualTo(new NodeState("DOWN", List.of("DRAIN", "NOT_RESPONDING")));
  }

  @Test
  void fieldWarningsAreCapped() throws IOException, SlurmSourceException {
    StringBuilder json = new StringBuilder("{\"jobs\": [");
    for (int i = 1; i <= 30; i++) {
      json.append(i > 1 ? "," : "")
          .append("{\"job_id\": ")
          .append(i)
          .append(", \"job_state\": \"RUNNING\", \"cpus\": \"many\"}");
    }
    SlurmDocument document = decodeText(json.append("]}").toString());

    assertThat(document.jobs()).hasSize(30);
    assertThat(document.warnings()).hasSize(DecodeWarnings.MAX_FIELD_WARNINGS + 1);
    assertThat(document.warnings().get(DecodeWarnings.MAX_FIELD_WARNINGS))
        .contains("10 more fields");
  }

  @Test
  void slurmWarningsArePassedOn() throws IOException, SlurmSourceException {
    SlurmDocument document =
        decodeText(
            "{\"jobs\": [], \"warnings\": [{\"description\": \"No jobs to dump\", \"source\":"
                + " \"slurm_load_jobs\"}]}");

    assertThat(document.warnings())
        .singleElement()
        .asString()
        .contains("No jobs to dump", "slurm_load_jobs");
  }

  @Test
  void errorsEntryFailsTheDocument() {
    assertThatThrownBy(
            () ->
                decodeText(
                    "{\"meta\": {\"slurm\": {\"release\": \"24.11.5\"}}, \"jobs\": [],"
                        + " \"errors\": [{\"description\": \"Failure to query jobs\","
                        + " \"error_number\": 1007, \"error\": \"Protocol authentication"
                        + " error\"}]}"))
        .isInstanceOf(SlurmSourceException.class)
        .hasMessageContaining("test input")
        .hasMessageContaining("Failure to query jobs")
        .hasMessageContaining("Protocol authentication error")
        .hasMessageContaining("error 1007")
        .hasMessageContaining("Slurm 24.11.5");
  }

  @Test
  void emptyErrorsListIsNoError() throws IOException, SlurmSourceException {
    SlurmDocument document = decodeText("{\"errors\": [], \"jobs\": []}");

    assertThat(document.has(Content.JOBS)).isTrue();
    assertThat(document.jobs()).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "Configuration data as of 2026-12-04T20:08:38",
        "scontrol: unrecognized option '--json'",
        "{\"jobs\": [{\"job_id\": 1,"
      })
  void nonJsonOutputFails(String output) {
    assertThatThrownBy(() -> decodeText(output))
        .isInstanceOf(SlurmSourceException.class)
        .hasMessageContaining("test input returned output that is not valid JSON");
  }

  @Test
  void emptyOutputFails() {
    assertThatThrownBy(() -> decodeText(""))
        .isInstanceOf(SlurmSourceException.class)
        .hasMessageContaining("test input returned no output");
  }

  @Test
  void jsonThatIsNotAnObjectFails() {
    assertThatThrownBy(() -> decodeText("[1, 2]"))
        .isInstanceOf(SlurmSourceException.class)
        .hasMessageContaining("not an object");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "testbed-24.11/scontrol-ping.json",
        "testbed-24.11/scontrol-show-licenses.json",
        "testbed-24.11/scontrol-show-reservations.json"
      })
  void otherScontrolDocumentsCarryNoLists(String resource) {
    SlurmDocument document = decode(resource);

    assertThat(document.contents()).isEmpty();
    assertThat(document.meta().slurmVersion()).isEqualTo("24.11.5");
    assertThat(document.warnings()).isEmpty();
  }
}
