package org.slurmscope.prometheus.internal;

import static org.slurmscope.prometheus.internal.ConfigErrors.invalid;
import static org.slurmscope.prometheus.internal.ConfigErrors.quote;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import okhttp3.OkHttpClient;

/**
 * The checks of https:// connections: the trusted certificate authorities, the client certificate
 * presented (mutual TLS), and whether checks are switched off.
 *
 * <p>The files are read when the configuration is validated; a changed certificate takes effect
 * with the next change of the configuration file.
 */
public final class TlsSettings {

  /** The Java runtime's trusted authorities, no client certificate, every check on. */
  static final TlsSettings SYSTEM_DEFAULT = new TlsSettings(null, null, false, "");

  private final SSLContext context;
  private final X509TrustManager trustManager;
  private final boolean insecure;
  private final String description;

  private TlsSettings(
      SSLContext context, X509TrustManager trustManager, boolean insecure, String description) {
    this.context = context;
    this.trustManager = trustManager;
    this.insecure = insecure;
    this.description = description;
  }

  /**
   * Checks the TLS keys and reads their files.
   *
   * @param https whether the configured URL is an https:// URL
   * @throws IllegalArgumentException naming the PID, the key, the value and the rule
   */
  static TlsSettings validate(PrometheusConfiguration config, boolean https) {
    String ca = config.tlsCaFile().strip();
    String cert = config.tlsCertFile().strip();
    String key = config.tlsKeyFile().strip();
    boolean insecure = config.tlsInsecureSkipVerify();
    if (!https) {
      rejectWithoutHttps("tlsCaFile", ca);
      rejectWithoutHttps("tlsCertFile", cert);
      rejectWithoutHttps("tlsKeyFile", key);
      if (insecure) {
        throw invalid(
            "tlsInsecureSkipVerify",
            "true",
            "the url uses http://, so there is no certificate to check: remove the key");
      }
      return SYSTEM_DEFAULT;
    }
    if (cert.isEmpty() != key.isEmpty()) {
      String missing = cert.isEmpty() ? "tlsCertFile" : "tlsKeyFile";
      String given = cert.isEmpty() ? "tlsKeyFile" : "tlsCertFile";
      throw invalid(
          given,
          quote(cert.isEmpty() ? key : cert),
          "a client certificate needs both tlsCertFile and tlsKeyFile: set " + missing);
    }
    if (insecure && !ca.isEmpty()) {
      throw invalid(
          "tlsInsecureSkipVerify",
          "true",
          "tlsCaFile is set too, and it would be ignored: remove one of them");
    }
    if (ca.isEmpty() && cert.isEmpty() && !insecure) {
      return SYSTEM_DEFAULT;
    }

    X509TrustManager trust;
    if (insecure) {
      trust = new TrustAll();
    } else if (ca.isEmpty()) {
      trust = systemTrustManager();
    } else {
      trust = trustManager(ca);
    }
    KeyManager[] keys = cert.isEmpty() ? null : keyManagers(cert, key);
    try {
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(keys, new TrustManager[] {trust}, new SecureRandom());
      return new TlsSettings(context, trust, insecure, describe(ca, cert, insecure));
    } catch (GeneralSecurityException e) {
      throw invalid(
          cert.isEmpty() ? "tlsCaFile" : "tlsCertFile",
          quote(cert.isEmpty() ? ca : cert),
          "the TLS context could not be built: " + e.getMessage());
    }
  }

  /** Sets the socket factory, trust manager and host name check of an HTTP client. */
  void applyTo(OkHttpClient.Builder builder) {
    if (context == null) {
      return;
    }
    builder.sslSocketFactory(context.getSocketFactory(), trustManager);
    if (insecure) {
      builder.hostnameVerifier((host, session) -> true);
    }
  }

  /** Returns true when certificates and host names are not checked. */
  boolean insecure() {
    return insecure;
  }

  /** Returns what is configured, for logs: the files, never their contents. */
  String describe() {
    return description;
  }

  private static String describe(String ca, String cert, boolean insecure) {
    List<String> parts = new ArrayList<>();
    if (insecure) {
      parts.add("server certificate NOT checked");
    } else if (!ca.isEmpty()) {
      parts.add("trusting the authorities in " + ca);
    }
    if (!cert.isEmpty()) {
      parts.add("client certificate " + cert);
    }
    return String.join(", ", parts);
  }

  private static void rejectWithoutHttps(String key, String value) {
    if (!value.isEmpty()) {
      throw invalid(
          key,
          quote(value),
          "the url uses http://, so no TLS is used: change url to https:// or remove " + key);
    }
  }

  private static X509TrustManager trustManager(String caFile) {
    try {
      List<X509Certificate> authorities = PemFiles.certificates(read("tlsCaFile", caFile, false));
      KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
      store.load(null, null);
      for (int i = 0; i < authorities.size(); i++) {
        store.setCertificateEntry("ca-" + i, authorities.get(i));
      }
      return x509TrustManager(store);
    } catch (GeneralSecurityException | IOException e) {
      throw invalid(
          "tlsCaFile", quote(caFile), "it must contain PEM certificates: " + e.getMessage());
    }
  }

  /** Returns the trust manager of the Java runtime's default authorities. */
  private static X509TrustManager systemTrustManager() {
    try {
      return x509TrustManager(null);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the Java runtime has no default trust manager", e);
    }
  }

  /** Returns the X.509 trust manager over a key store, or over the runtime's default for null. */
  private static X509TrustManager x509TrustManager(KeyStore store) throws GeneralSecurityException {
    TrustManagerFactory factory =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    factory.init(store);
    for (TrustManager manager : factory.getTrustManagers()) {
      if (manager instanceof X509TrustManager x509) {
        return x509;
      }
    }
    throw new GeneralSecurityException("the JDK made no X.509 trust manager");
  }

  private static KeyManager[] keyManagers(String certFile, String keyFile) {
    List<X509Certificate> chain;
    try {
      chain = PemFiles.certificates(read("tlsCertFile", certFile, false));
    } catch (GeneralSecurityException | IOException e) {
      throw invalid(
          "tlsCertFile", quote(certFile), "it must contain a PEM certificate: " + e.getMessage());
    }
    PrivateKey key;
    try {
      key = PemFiles.privateKey(read("tlsKeyFile", keyFile, true));
    } catch (GeneralSecurityException | IOException e) {
      throw invalid("tlsKeyFile", quote(keyFile), e.getMessage());
    }
    if (!matches(key, chain.get(0))) {
      throw invalid(
          "tlsKeyFile",
          quote(keyFile),
          "the key does not belong to the first certificate in tlsCertFile " + certFile);
    }
    try {
      char[] password = new char[0];
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(null, null);
      store.setKeyEntry("client", key, password, chain.toArray(new Certificate[0]));
      KeyManagerFactory factory =
          KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      factory.init(store, password);
      return factory.getKeyManagers();
    } catch (GeneralSecurityException | IOException e) {
      throw invalid(
          "tlsCertFile",
          quote(certFile),
          "the certificate and key could not be used together: " + e.getMessage());
    }
  }

  /** Returns true when a signature made with the key verifies with the certificate's public key. */
  private static boolean matches(PrivateKey key, X509Certificate certificate) {
    String algorithm =
        switch (key.getAlgorithm()) {
          case "RSA" -> "SHA256withRSA";
          case "EC" -> "SHA256withECDSA";
          default -> key.getAlgorithm(); // Ed25519, Ed448 and EdDSA name their own signature
        };
    try {
      byte[] challenge = new byte[32];
      new SecureRandom().nextBytes(challenge);
      Signature signer = Signature.getInstance(algorithm);
      signer.initSign(key);
      signer.update(challenge);
      byte[] signature = signer.sign();
      Signature verifier = Signature.getInstance(algorithm);
      verifier.initVerify(certificate.getPublicKey());
      verifier.update(challenge);
      return verifier.verify(signature);
    } catch (GeneralSecurityException e) {
      return false;
    }
  }

  /**
   * Reads a PEM file.
   *
   * @param secret whether the file contains a private key, which other users must not be able to
   *     read
   */
  private static String read(String key, String pathText, boolean secret) throws IOException {
    Path path = Path.of(pathText);
    if (!path.isAbsolute()) {
      throw invalid(key, quote(pathText), "it must be an absolute path");
    }
    if (!Files.isRegularFile(path) || !Files.isReadable(path)) {
      throw invalid(key, quote(pathText), "the file does not exist or cannot be read");
    }
    if (secret) {
      try {
        Secret.checkNotWorldReadable(path);
      } catch (Secret.SecretFileException e) {
        throw invalid(key, quote(pathText), e.getMessage());
      }
    }
    // ISO-8859-1 reads any byte, so text around the PEM blocks never fails the read.
    return Files.readString(path, StandardCharsets.ISO_8859_1);
  }

  /**
   * A trust manager that accepts every certificate: {@code tlsInsecureSkipVerify}, for test servers
   * only.
   */
  private static final class TrustAll implements X509TrustManager {
    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) {
      // Accepts every client: this side is only ever a client.
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) {
      // Accepts every server certificate, because tlsInsecureSkipVerify requests exactly that.
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
      return new X509Certificate[0];
    }
  }
}
