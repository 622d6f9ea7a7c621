package org.slurmscope.prometheus.internal;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads certificates and private keys from PEM text (RFC 7468), the format Prometheus and openssl
 * use, with the JDK alone.
 *
 * <p>Private keys are read in the three unencrypted forms openssl writes: PKCS#8 ({@code PRIVATE
 * KEY}, RSA, EC, Ed25519 and Ed448), PKCS#1 ({@code RSA PRIVATE KEY}) and SEC1 ({@code EC PRIVATE
 * KEY}). The last two are wrapped into PKCS#8 with the algorithm identifiers of RFC 5208, RFC 8017
 * and RFC 5915, because the JDK's key factories read PKCS#8 only.
 */
final class PemFiles {

  private static final Pattern BLOCK =
      Pattern.compile("-----BEGIN ([A-Z0-9 ]+)-----\\s*([A-Za-z0-9+/=\\s]*?)\\s*-----END \\1-----");

  /** DER of the rsaEncryption algorithm identifier (OID 1.2.840.113549.1.1.1, NULL parameters). */
  private static final byte[] RSA_ALGORITHM = {
    0x30,
    0x0d,
    0x06,
    0x09,
    0x2a,
    (byte) 0x86,
    0x48,
    (byte) 0x86,
    (byte) 0xf7,
    0x0d,
    0x01,
    0x01,
    0x01,
    0x05,
    0x00
  };

  /** DER of the id-ecPublicKey OID, 1.2.840.10045.2.1. */
  private static final byte[] EC_PUBLIC_KEY_OID = {
    0x06, 0x07, 0x2a, (byte) 0x86, 0x48, (byte) 0xce, 0x3d, 0x02, 0x01
  };

  private PemFiles() {}

  /**
   * Returns every certificate of the text, in order.
   *
   * @throws GeneralSecurityException when there is none or one cannot be read
   */
  static List<X509Certificate> certificates(String pem) throws GeneralSecurityException {
    CertificateFactory factory = CertificateFactory.getInstance("X.509");
    List<X509Certificate> certificates = new ArrayList<>();
    Matcher block = BLOCK.matcher(pem);
    while (block.find()) {
      if (block.group(1).equals("CERTIFICATE")) {
        byte[] der = decode(block.group(2));
        certificates.add(
            (X509Certificate) factory.generateCertificate(new ByteArrayInputStream(der)));
      }
    }
    if (certificates.isEmpty()) {
      throw new CertificateException("no PEM block \"BEGIN CERTIFICATE\" found");
    }
    return certificates;
  }

  /**
   * Returns the first private key of the text.
   *
   * @throws GeneralSecurityException naming the problem and, for an encrypted key, the openssl
   *     command that converts it
   */
  static PrivateKey privateKey(String pem) throws GeneralSecurityException {
    Matcher block = BLOCK.matcher(pem);
    while (block.find()) {
      String label = block.group(1);
      switch (label) {
        case "PRIVATE KEY":
          return pkcs8(decode(block.group(2)));
        case "RSA PRIVATE KEY":
          return pkcs8(
              sequence(
                  new byte[] {0x02, 0x01, 0x00}, RSA_ALGORITHM, octets(decode(block.group(2)))));
        case "EC PRIVATE KEY":
          return pkcs8(ecToPkcs8(decode(block.group(2))));
        case "ENCRYPTED PRIVATE KEY":
          throw new GeneralSecurityException(
              "the private key is encrypted, and slurmscope cannot ask for its passphrase:"
                  + " write it unencrypted to a file only its owner can read, with"
                  + " openssl pkcs8 -topk8 -nocrypt -in KEY -out KEY.unencrypted");
        default:
          // Other blocks, such as EC PARAMETERS before an EC key, are skipped.
      }
    }
    throw new GeneralSecurityException(
        "no PEM block \"BEGIN PRIVATE KEY\", \"BEGIN RSA PRIVATE KEY\" or \"BEGIN EC PRIVATE KEY\""
            + " found");
  }

  private static byte[] decode(String base64) throws CertificateException {
    try {
      return Base64.getMimeDecoder().decode(base64);
    } catch (IllegalArgumentException e) {
      throw new CertificateException("a PEM block is not valid base64: " + e.getMessage());
    }
  }

  private static PrivateKey pkcs8(byte[] der) throws GeneralSecurityException {
    PKCS8EncodedKeySpec spec = new PKCS8EncodedKeySpec(der);
    for (String algorithm : List.of("RSA", "EC", "EdDSA")) {
      try {
        return KeyFactory.getInstance(algorithm).generatePrivate(spec);
      } catch (GeneralSecurityException e) {
        // Not this algorithm: the next one is tried.
      }
    }
    throw new GeneralSecurityException(
        "the private key is neither RSA, EC, Ed25519 nor Ed448, or it is damaged");
  }

  /**
   * Wraps a SEC1 ECPrivateKey into PKCS#8. The curve's OID comes from the key's own {@code [0]
   * parameters} field, which openssl always writes.
   */
  private static byte[] ecToPkcs8(byte[] sec1) throws GeneralSecurityException {
    Der outer = new Der(sec1);
    Der key = outer.enter(0x30);
    key.skip(0x02); // version
    key.skip(0x04); // privateKey
    if (!key.hasMore() || key.peekTag() != 0xa0) {
      throw new GeneralSecurityException(
          "the EC private key does not name its curve: convert it with"
              + " openssl pkcs8 -topk8 -nocrypt -in KEY -out KEY.pkcs8");
    }
    byte[] curveOid = key.enter(0xa0).element(0x06);
    byte[] algorithm = sequence(EC_PUBLIC_KEY_OID, curveOid);
    return sequence(new byte[] {0x02, 0x01, 0x00}, algorithm, octets(sec1));
  }

  private static byte[] octets(byte[] content) {
    return tagged(0x04, content);
  }

  private static byte[] sequence(byte[]... elements) {
    ByteArrayOutputStream content = new ByteArrayOutputStream();
    for (byte[] element : elements) {
      content.writeBytes(element);
    }
    return tagged(0x30, content.toByteArray());
  }

  /** Encodes one DER element with a definite length (X.690 8.1.3). */
  private static byte[] tagged(int tag, byte[] content) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(tag);
    int length = content.length;
    if (length < 0x80) {
      out.write(length);
    } else {
      int bytes = (32 - Integer.numberOfLeadingZeros(length) + 7) / 8;
      out.write(0x80 | bytes);
      for (int i = bytes - 1; i >= 0; i--) {
        out.write(length >>> (8 * i));
      }
    }
    out.writeBytes(content);
    return out.toByteArray();
  }

  /** A reader of DER elements with single-byte tags, enough for the key structures above. */
  private static final class Der {
    private final byte[] data;
    private int position;
    private final int end;

    Der(byte[] data) {
      this(data, 0, data.length);
    }

    private Der(byte[] data, int start, int end) {
      this.data = data;
      this.position = start;
      this.end = end;
    }

    boolean hasMore() {
      return position < end;
    }

    int peekTag() {
      return data[position] & 0xff;
    }

    /** Returns a reader of the content of the next element, which must have the given tag. */
    Der enter(int tag) throws GeneralSecurityException {
      int[] bounds = next(tag);
      return new Der(data, bounds[0], bounds[1]);
    }

    /** Returns the next element whole, tag and length included. */
    byte[] element(int tag) throws GeneralSecurityException {
      int start = position;
      next(tag);
      byte[] element = new byte[position - start];
      System.arraycopy(data, start, element, 0, element.length);
      return element;
    }

    void skip(int tag) throws GeneralSecurityException {
      next(tag);
    }

    /** Reads the next element's header; returns its content's start and end. */
    private int[] next(int tag) throws GeneralSecurityException {
      if (position + 2 > end || (data[position] & 0xff) != tag) {
        throw new GeneralSecurityException("the private key is not valid DER");
      }
      position++;
      int length = data[position++] & 0xff;
      if (length >= 0x80) {
        int bytes = length & 0x7f;
        if (bytes == 0 || bytes > 3 || position + bytes > end) {
          throw new GeneralSecurityException("the private key is not valid DER");
        }
        length = 0;
        for (int i = 0; i < bytes; i++) {
          length = (length << 8) | (data[position++] & 0xff);
        }
      }
      if (position + length > end) {
        throw new GeneralSecurityException("the private key is not valid DER");
      }
      int start = position;
      position += length;
      return new int[] {start, position};
    }
  }
}
