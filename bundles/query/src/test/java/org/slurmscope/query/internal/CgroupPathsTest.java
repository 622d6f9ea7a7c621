package org.slurmscope.query.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.slurmscope.query.internal.CgroupPaths.JobCgroup;

class CgroupPathsTest {

  @ParameterizedTest
  @CsvSource(
      nullValues = "-",
      value = {
        "/slurm/uid_20821/job_12, 12, -",
        "/slurm/uid_2001/job_6/, 6, -",
        "/system.slice/slurmstepd.scope/job_4, 4, -",
        "/slurm_node07/uid_2001/job_33, 33, node07",
        "/system.slice/node07_slurmstepd.scope/job_33, 33, node07",
        "/system.slice/gpu-a_01_slurmstepd.scope/job_5, 5, gpu-a_01",
      })
  void jobLevelPathsNameTheirJob(String path, String job, String node) {
    assertThat(CgroupPaths.parse(path)).isEqualTo(new JobCgroup(job, node));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "/slurm/uid_20821/job_11/step_0",
        "/slurm/uid_20821/job_11/step_0/task_1",
        "/system.slice/slurmstepd.scope/job_4/step_batch/user/task_0",
        "/user.slice/user-20821.slice",
        "/torque/1182958.batch.example.com",
        "/slurm/uid_x/job_1",
        ""
      })
  void otherPathsNameNoJob(String path) {
    assertThat(CgroupPaths.parse(path)).isNull();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "/slurm/uid_20821/job_12",
        "/system.slice/slurmstepd.scope/job_4",
        "/slurm_node07/uid_2001/job_33",
        "/system.slice/node07_slurmstepd.scope/job_33"
      })
  void promqlRegexAcceptsTheSamePaths(String path) {
    String javaRegex = CgroupPaths.JOB_PATH_PROMQL;
    assertThat(path.matches(javaRegex)).isTrue();
  }
}
