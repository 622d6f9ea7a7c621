package org.slurmscope.slurm.rest.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slurmscope.api.slurm.SlurmSourceException;

class TokenSourceTest {

  private static final Instant NOW = Instant.parse("2026-12-04T22:00:00Z");

  @TempDir Path folder;

  private final List<String> logged = new ArrayList<>();

  private TokenSource source(Map<String, Object> values, Map<String, String> environment) {
    RestSettings settings = RestSettings.validate(Support.config(new HashMap<>(values)));
    return new TokenSource(settings, environment, Clock.fixed(NOW, ZoneOffset.UTC), logged::add);
  }

  @Test
  void jwtClaimsNameTheUserAndTheExpiry() {
    Jwt token = Jwt.parse("SLURM_JWT=" + Support.jwt("bob", NOW.plusSeconds(60)) + "\n");

    assertThat(token.user()).isEqualTo("bob");
    assertThat(token.expiresAt()).isEqualTo(NOW.plusSeconds(60));
    assertThat(token.expiresSoon(NOW, java.time.Duration.ofSeconds(300))).isTrue();
    assertThat(token.expiresSoon(NOW, java.time.Duration.ofSeconds(10))).isFalse();
    assertThat(token.toString()).doesNotContain(token.value());
  }

  @Test
  void tokenThatIsNoJwtIsStillSentWithoutExpiry() {
    Jwt token = Jwt.parse("opaque-token");

    assertThat(token.value()).isEqualTo("opaque-token");
    assertThat(token.expiresAt()).isNull();
    assertThatThrownBy(() -> Jwt.parse("two words")).hasMessageContaining("contains blanks");
  }

  @Test
  void autoPrefersSlurmJwtThenTheFileThenScontrol() {
    Path file = folder.resolve("token");

    assertThat(source(Map.of(), Map.of("SLURM_JWT", "x")).kind()).isEqualTo(TokenSource.Kind.ENV);
    assertThat(source(Map.of("tokenFile", file.toString()), Map.of()).kind())
        .isEqualTo(TokenSource.Kind.FILE);
    assertThat(source(Map.of(), Map.of()).kind()).isEqualTo(TokenSource.Kind.SCONTROL);
  }

  @Test
  void tokenFileIsReadAgainWhenItChanges() throws Exception {
    Path file = folder.resolve("token");
    String first = Support.jwt("alice", NOW.plusSeconds(3600));
    String second = Support.jwt("alice", NOW.plusSeconds(7200));
    Files.writeString(file, first + "\n");
    Files.setLastModifiedTime(file, FileTime.from(NOW.minusSeconds(60)));
    TokenSource source = source(Map.of("tokenFile", file.toString()), Map.of());

    String before = source.token().value();
    Files.writeString(file, "SLURM_JWT=" + second + "\n");
    Files.setLastModifiedTime(file, FileTime.from(NOW));
    String after = source.token().value();

    assertThat(before).isEqualTo(first);
    assertThat(after).isEqualTo(second);
  }

  @Test
  void unreadableTokenFileNamesTheKey() {
    TokenSource source =
        source(Map.of("tokenFile", folder.resolve("missing").toString()), Map.of());

    assertThatThrownBy(source::token)
        .isInstanceOf(SlurmSourceException.class)
        .hasMessageContaining("cannot be read")
        .hasMessageContaining("set tokenFile in org.slurmscope.slurm.rest");
  }

  @Test
  void scontrolTokenIsRenewedBeforeItExpires() throws Exception {
    Path calls = folder.resolve("calls");
    // Each token expires in 200 s, inside the 300 s renewal margin, so every call renews it.
    Path scontrol =
        script(
            "echo \"$*\" >> '"
                + calls
                + "'\necho 'SLURM_JWT="
                + Support.jwt("alice", NOW.plusSeconds(200))
                + "'");
    TokenSource source =
        source(
            Map.of(
                "tokenSource",
                "scontrol",
                "scontrolCommand",
                scontrol.toString(),
                "userName",
                "alice"),
            Map.of());

    source.token();
    source.token();

    assertThat(Files.readAllLines(calls))
        .containsExactly(
            "token lifespan=1800 username=alice", "token lifespan=1800 username=alice");
  }

  @Test
  void failingScontrolTokenNamesTheFix() throws Exception {
    Path scontrol = script("echo 'scontrol: error: AuthAltTypes not configured' >&2; exit 1");
    TokenSource source =
        source(Map.of("tokenSource", "scontrol", "scontrolCommand", scontrol.toString()), Map.of());

    assertThatThrownBy(source::token)
        .hasMessageContaining("failed with exit code 1")
        .hasMessageContaining("AuthAltTypes not configured")
        .hasMessageContaining("AuthAltTypes=auth/jwt");
  }

  @Test
  void settingsRejectBadValuesWithThePidAndTheRule() {
    assertThatThrownBy(() -> RestSettings.validate(Support.config(Map.of("url", "localhost:6820"))))
        .hasMessageStartingWith("org.slurmscope.slurm.rest: url=\"localhost:6820\" is invalid");
    assertThatThrownBy(
            () -> RestSettings.validate(Support.config(Map.of("url", "http://u:secret@h:6820"))))
        .hasMessageNotContaining("secret")
        .hasMessageContaining("user name or password");
    assertThatThrownBy(() -> RestSettings.validate(Support.config(Map.of("apiVersion", "v0.0.36"))))
        .hasMessageContaining("slurmscope reads v0.0.37 to v0.0.44");
    assertThatThrownBy(() -> RestSettings.validate(Support.config(Map.of("apiVersion", "0.0.42"))))
        .hasMessageContaining("it must look like v0.0.42");
    assertThatThrownBy(() -> RestSettings.validate(Support.config(Map.of("tokenSource", "file"))))
        .hasMessageContaining("tokenFile=\"\" is invalid: it must be set when tokenSource=file");
    assertThatThrownBy(
            () -> RestSettings.validate(Support.config(Map.of("tokenLifespanSeconds", 10))))
        .hasMessageContaining("between 60 and 86400 seconds");
  }

  private Path script(String body) throws Exception {
    Path script = folder.resolve("scontrol");
    Files.writeString(script, "#!/bin/sh\n" + body + "\n");
    Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
    return script;
  }
}
