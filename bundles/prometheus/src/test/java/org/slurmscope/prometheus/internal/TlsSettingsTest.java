package org.slurmscope.prometheus.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.PrivateKey;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** PEM files as openssl writes them, and the rules of the TLS keys. */
class TlsSettingsTest {

  private static final String URL = "https://127.0.0.1:9090";

  @TempDir static Path dir;
  private static TestCertificates certificates;

  @BeforeAll
  static void makeCertificates() throws Exception {
    TestCertificates.requireOpenssl();
    certificates = TestCertificates.create(dir);
  }

  private static PrivateKey readKey(Path file) throws Exception {
    return PemFiles.privateKey(Files.readString(file));
  }

  private static ClientSettings settings(Map<String, Object> values) {
    return Clients.settings(URL, values);
  }

  // --- Private key forms

  @Test
  void pkcs8EcKeyIsRead() throws Exception {
    assertThat(readKey(certificates.clientKey).getAlgorithm()).isEqualTo("EC");
  }

  @Test
  void pkcs1RsaKeyIsRead() throws Exception {
    Path key = certificates.key("rsa-pkcs1.key", "genrsa", "-traditional", "2048");

    assertThat(Files.readString(key)).startsWith("-----BEGIN RSA PRIVATE KEY-----");
    assertThat(readKey(key).getAlgorithm()).isEqualTo("RSA");
  }

  @Test
  void sec1EcKeyWithParametersBlockIsRead() throws Exception {
    Path key = certificates.key("ec-sec1.key", "ecparam", "-name", "secp384r1", "-genkey");

    assertThat(Files.readString(key)).startsWith("-----BEGIN EC PARAMETERS-----");
    assertThat(readKey(key).getAlgorithm()).isEqualTo("EC");
  }

  @Test
  void ed25519KeyIsRead() throws Exception {
    Path key = certificates.key("ed25519.key", "genpkey", "-algorithm", "ed25519");

    assertThat(readKey(key).getAlgorithm()).isIn("Ed25519", "EdDSA");
  }

  @Test
  void encryptedKeyIsRejectedWithConversionCommand() throws Exception {
    Path key =
        certificates.key(
            "encrypted.key",
            "genpkey",
            "-algorithm",
            "ec",
            "-pkeyopt",
            "ec_paramgen_curve:prime256v1",
            "-aes256",
            "-pass",
            "pass:secret");

    assertThatThrownBy(() -> readKey(key))
        .hasMessageContaining("the private key is encrypted")
        .hasMessageContaining("openssl pkcs8 -topk8 -nocrypt");
  }

  // --- Configuration rules

  @Test
  void caAndClientCertificateAreAccepted() {
    ClientSettings settings =
        settings(
            Map.of(
                "tlsCaFile", certificates.caCert.toString(),
                "tlsCertFile", certificates.clientCert.toString(),
                "tlsKeyFile", certificates.clientKey.toString()));

    assertThat(settings.tls().insecure()).isFalse();
    assertThat(settings.tls().describe())
        .isEqualTo(
            "trusting the authorities in "
                + certificates.caCert
                + ", client certificate "
                + certificates.clientCert);
  }

  @Test
  void keyOfAnotherCertificateIsRejected() {
    assertThatThrownBy(
            () ->
                settings(
                    Map.of(
                        "tlsCertFile", certificates.clientCert.toString(),
                        "tlsKeyFile", certificates.serverKey.toString())))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("tlsKeyFile=\"" + certificates.serverKey + "\" is invalid")
        .hasMessageContaining("the key does not belong to the first certificate");
  }

  @Test
  void keyReadableByOthersIsRejected() throws Exception {
    Path key = dir.resolve("shared.key");
    Files.copy(certificates.clientKey, key);
    Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-r--r--"));

    assertThatThrownBy(
            () ->
                settings(
                    Map.of(
                        "tlsCertFile", certificates.clientCert.toString(),
                        "tlsKeyFile", key.toString())))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("tlsKeyFile=\"" + key + "\" is invalid")
        .hasMessageContaining("readable by other users");
  }

  @Test
  void certificateWithoutKeyIsRejected() {
    assertThatThrownBy(() -> settings(Map.of("tlsCertFile", certificates.clientCert.toString())))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageEndingWith(
            "a client certificate needs both tlsCertFile and tlsKeyFile: set tlsKeyFile");
  }

  @Test
  void caFileWithoutCertificateIsRejected() {
    assertThatThrownBy(() -> settings(Map.of("tlsCaFile", certificates.clientKey.toString())))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("tlsCaFile=\"" + certificates.clientKey + "\" is invalid")
        .hasMessageContaining("no PEM block \"BEGIN CERTIFICATE\" found");
  }

  @Test
  void tlsKeysWithPlainHttpAreRejected() {
    assertThatThrownBy(
            () ->
                Clients.settings(
                    "http://127.0.0.1:9090", Map.of("tlsCaFile", certificates.caCert.toString())))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageEndingWith(
            "the url uses http://, so no TLS is used: change url to https:// or remove"
                + " tlsCaFile");
  }

  @Test
  void insecureSwitchWithCaFileIsRejected() {
    assertThatThrownBy(
            () ->
                settings(
                    Map.of(
                        "tlsInsecureSkipVerify",
                        true,
                        "tlsCaFile",
                        certificates.caCert.toString())))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("tlsInsecureSkipVerify=true is invalid");
  }
}
