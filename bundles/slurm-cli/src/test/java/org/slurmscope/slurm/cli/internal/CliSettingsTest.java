package org.slurmscope.slurm.cli.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.slurmscope.slurm.cli.internal.TestConfigurations.cli;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CliSettingsTest {

  @Test
  void defaultsNeedNoConfiguration() {
    CliSettings settings = CliSettings.validate(cli(Map.of()));

    assertThat(settings.squeue()).isEqualTo(new SlurmTool("squeueCommand", "squeue"));
    assertThat(settings.sinfo()).isEqualTo(new SlurmTool("sinfoCommand", "sinfo"));
    assertThat(settings.scontrol()).isEqualTo(new SlurmTool("scontrolCommand", "scontrol"));
    assertThat(settings.slurmConf()).isNull();
    assertThat(settings.timeout()).isEqualTo(Duration.ofSeconds(30));
    assertThat(settings.nodesCommand()).isEqualTo(NodesCommand.AUTO);
  }

  @Test
  void valuesAreStrippedAndParsed() {
    CliSettings settings =
        CliSettings.validate(
            cli(
                Map.of(
                    "squeueCommand", " /opt/slurm/bin/squeue ",
                    "slurmConf", "/etc/slurm/slurm.conf",
                    "timeoutSeconds", 600,
                    "nodesCommand", "SINFO")));

    assertThat(settings.squeue().executable()).isEqualTo("/opt/slurm/bin/squeue");
    assertThat(settings.slurmConf()).isEqualTo(Path.of("/etc/slurm/slurm.conf"));
    assertThat(settings.timeout()).isEqualTo(Duration.ofSeconds(600));
    assertThat(settings.nodesCommand()).isEqualTo(NodesCommand.SINFO);
  }

  @ParameterizedTest
  @ValueSource(ints = {0, -1, 601})
  void timeoutOutOfRangeIsRejected(int seconds) {
    assertThatThrownBy(() -> CliSettings.validate(cli(Map.of("timeoutSeconds", seconds))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("org.slurmscope.slurm.cli")
        .hasMessageContaining("timeoutSeconds=\"" + seconds + "\"")
        .hasMessageContaining("between 1 and 600");
  }

  @Test
  void unknownNodesCommandIsRejected() {
    assertThatThrownBy(() -> CliSettings.validate(cli(Map.of("nodesCommand", "scontrol -o"))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("org.slurmscope.slurm.cli: nodesCommand=\"scontrol -o\" is invalid")
        .hasMessageContaining("auto, scontrol, sinfo");
  }

  @ParameterizedTest
  @ValueSource(strings = {"squeueCommand", "sinfoCommand", "scontrolCommand"})
  void blankCommandIsRejected(String key) {
    assertThatThrownBy(() -> CliSettings.validate(cli(Map.of(key, "  "))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("org.slurmscope.slurm.cli: " + key + "=")
        .hasMessageContaining("must name the executable");
  }

  @Test
  void relativeSlurmConfIsRejected() {
    assertThatThrownBy(() -> CliSettings.validate(cli(Map.of("slurmConf", "etc/slurm.conf"))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("slurmConf=\"etc/slurm.conf\"")
        .hasMessageContaining("absolute path");
  }
}
