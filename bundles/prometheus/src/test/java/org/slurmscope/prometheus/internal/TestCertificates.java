package org.slurmscope.prometheus.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * A certificate authority, a server certificate for 127.0.0.1 and a client certificate, made with
 * the openssl command in a folder, valid for two days. Private keys are written readable by their
 * owner only, as the client requires.
 */
final class TestCertificates {

  static final String OPENSSL = "/usr/bin/openssl";

  final Path dir;
  final Path caCert;
  final Path serverCert;
  final Path serverKey;
  final Path clientCert;
  final Path clientKey;

  private TestCertificates(Path dir) {
    this.dir = dir;
    this.caCert = dir.resolve("ca.crt");
    this.serverCert = dir.resolve("server.crt");
    this.serverKey = dir.resolve("server.key");
    this.clientCert = dir.resolve("client.crt");
    this.clientKey = dir.resolve("client.key");
  }

  /**
   * Skips the calling test when openssl is missing, except under SLURMSCOPE_TESTBED=1, where the
   * test set-up installs it and a missing command is a failure.
   */
  static void requireOpenssl() {
    boolean present = Files.isExecutable(Path.of(OPENSSL));
    if (!"1".equals(System.getenv("SLURMSCOPE_TESTBED"))) {
      Assumptions.assumeTrue(present, OPENSSL + " is missing: install the Debian package openssl");
    }
    assertThat(present).as("SLURMSCOPE_TESTBED=1 but " + OPENSSL + " is missing").isTrue();
  }

  /**
   * Makes the authority and both certificates. The server certificate names only the address
   * 127.0.0.1, so that a connection to {@code localhost} fails the host name check.
   */
  static TestCertificates create(Path dir) throws IOException, InterruptedException {
    TestCertificates certificates = new TestCertificates(dir);
    certificates.make();
    return certificates;
  }

  private void make() throws IOException, InterruptedException {
    openssl(
        "req",
        "-x509",
        "-newkey",
        "rsa:2048",
        "-nodes",
        "-days",
        "2",
        "-subj",
        "/CN=slurmscope test CA",
        "-addext",
        "basicConstraints=critical,CA:TRUE",
        "-addext",
        "keyUsage=critical,keyCertSign,cRLSign",
        "-keyout",
        "ca.key",
        "-out",
        "ca.crt");
    Files.writeString(
        dir.resolve("server.ext"), "subjectAltName=IP:127.0.0.1\nextendedKeyUsage=serverAuth\n");
    openssl(
        "req",
        "-newkey",
        "rsa:2048",
        "-nodes",
        "-subj",
        "/CN=127.0.0.1",
        "-keyout",
        "server.key",
        "-out",
        "server.csr");
    sign("server");
    Files.writeString(dir.resolve("client.ext"), "extendedKeyUsage=clientAuth\n");
    openssl(
        "req",
        "-newkey",
        "ec",
        "-pkeyopt",
        "ec_paramgen_curve:prime256v1",
        "-nodes",
        "-subj",
        "/CN=alice",
        "-keyout",
        "client.key",
        "-out",
        "client.csr");
    sign("client");
    ownerOnly(clientKey);
    ownerOnly(serverKey);
  }

  private void sign(String name) throws IOException, InterruptedException {
    openssl(
        "x509",
        "-req",
        "-in",
        name + ".csr",
        "-CA",
        "ca.crt",
        "-CAkey",
        "ca.key",
        "-CAcreateserial",
        "-days",
        "2",
        "-extfile",
        name + ".ext",
        "-out",
        name + ".crt");
  }

  /** Writes a new private key in the given form and returns its file, readable by its owner. */
  Path key(String name, String... opensslArguments) throws IOException, InterruptedException {
    // The output option goes right after the command, before arguments such as genrsa's size.
    List<String> arguments = new ArrayList<>(List.of(opensslArguments));
    arguments.add(1, "-out");
    arguments.add(2, name);
    openssl(arguments.toArray(new String[0]));
    Path key = dir.resolve(name);
    ownerOnly(key);
    return key;
  }

  static void ownerOnly(Path file) throws IOException {
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
  }

  /** Runs openssl in the folder; fails with its output when it exits with an error. */
  void openssl(String... arguments) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(OPENSSL);
    command.addAll(List.of(arguments));
    Process process =
        new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
    byte[] output = process.getInputStream().readAllBytes();
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("openssl finished").isTrue();
    assertThat(process.exitValue())
        .as("%s: %s", String.join(" ", command), new String(output, StandardCharsets.UTF_8))
        .isZero();
  }
}
