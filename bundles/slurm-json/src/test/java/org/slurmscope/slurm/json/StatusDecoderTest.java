package org.slurmscope.slurm.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.slurmscope.api.slurm.SlurmSourceException;

/** slurmctld's ping and diag documents, plain numbers and number objects alike. */
class StatusDecoderTest {

  @Test
  void sdiagOfSlurm2405UnwrapsNumberObjects() throws Exception {
    // S05: req_time became {"set", "infinite", "number"} in 24.05.
    StatusDecoder.Diag diag =
        StatusDecoder.diag(
            Fixtures.open("slurm-cli-json/sdiag-json_slurm-24.05.json"), "sdiag --json");

    assertThat(diag.statistics()).containsEntry("req_time", 1739832148L);
    assertThat(diag.statistics()).containsEntry("server_thread_count", 2L);
    assertThat(diag.statistics()).containsEntry("schedule_exit.end_job_queue", 162L);
    assertThat(diag.statistics()).containsEntry("jobs_submitted", 1L);
    assertThat(diag.meta().describe()).isEqualTo("Slurm 24.05.5, API v0.0.41");
  }

  @Test
  void diagOfSlurmrestd2205HasPlainNumbers() throws Exception {
    StatusDecoder.Diag diag =
        StatusDecoder.diag(Fixtures.open("same-moment-22.05/rest-v0.0.38-diag.json"), "diag");

    assertThat(diag.statistics()).containsEntry("jobs_running", 5L);
    assertThat(diag.statistics()).containsEntry("jobs_pending", 9L);
    assertThat(diag.meta().describe()).isEqualTo("Slurm 22.05.8, API v0.0.38");
  }

  @Test
  void pingOfTwoReleases() throws Exception {
    StatusDecoder.Ping old =
        StatusDecoder.ping(Fixtures.open("same-moment-22.05/rest-v0.0.38-ping.json"), "ping");
    StatusDecoder.Ping current =
        StatusDecoder.ping(Fixtures.open("same-moment-24.11/rest-v0.0.42-ping.json"), "ping");

    assertThat(old.anyUp()).isTrue();
    assertThat(old.controllers().get(0).mode()).isEqualTo("primary");
    assertThat(old.controllers().get(0).latencyMicros()).isNull();
    assertThat(current.anyUp()).isTrue();
    assertThat(current.controllers().get(0).latencyMicros()).isPositive();
    assertThat(current.meta().cluster()).isEqualTo("modern");
  }

  @Test
  void pingWithErrorsFailsWithSlurmsText() {
    String body =
        "{\"errors\": [{\"description\": \"Unable to ping\", \"error_number\": 1007,"
            + " \"error\": \"Protocol authentication error\"}], \"pings\": []}";

    assertThatThrownBy(
            () ->
                StatusDecoder.ping(
                    new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)), "ping"))
        .isInstanceOf(SlurmSourceException.class)
        .hasMessageContaining("Protocol authentication error");
  }
}
