package org.slurmscope.slurm.rest.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Instant;
import java.util.Base64;

/**
 * A JSON Web Token as Slurm issues it ({@code scontrol token}, auth/jwt): three base64url parts,
 * whose middle one contains the claims {@code exp} (expiry, epoch seconds), {@code iat} and {@code
 * sun} (the Slurm user name). The signature is slurmctld's to check; slurmscope only reads the
 * claims to renew the token in time and to name its user.
 *
 * @param value the token as sent in {@code X-SLURM-USER-TOKEN}; never logged
 * @param user the {@code sun} claim, or null
 * @param expiresAt the {@code exp} claim, or null when the token has none or is not a JWT
 */
record Jwt(String value, String user, Instant expiresAt) {

  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * Reads a token: bare, or as the {@code SLURM_JWT=...} line that {@code scontrol token} prints. A
   * token whose claims cannot be read is still used; it only has no expiry.
   *
   * @throws IllegalArgumentException when the text is empty or has blanks inside
   */
  static Jwt parse(String text) {
    String value = text == null ? "" : text.strip();
    for (String line : value.split("\n")) {
      if (line.strip().startsWith("SLURM_JWT=")) {
        value = line.strip().substring("SLURM_JWT=".length()).strip();
      }
    }
    if (value.isEmpty() || value.chars().anyMatch(Character::isWhitespace)) {
      throw new IllegalArgumentException("it is empty or contains blanks, so it is not a JWT");
    }
    String[] parts = value.split("\\.");
    if (parts.length != 3) {
      return new Jwt(value, null, null);
    }
    try {
      JsonNode claims = JSON.readTree(Base64.getUrlDecoder().decode(parts[1]));
      String user = claims.path("sun").isTextual() ? claims.get("sun").textValue() : null;
      Instant expiry =
          claims.path("exp").canConvertToLong()
              ? Instant.ofEpochSecond(claims.get("exp").asLong())
              : null;
      return new Jwt(value, user, expiry);
    } catch (IOException | IllegalArgumentException e) {
      return new Jwt(value, null, null);
    }
  }

  /** Returns true when the token expires within {@code margin} of {@code now}. */
  boolean expiresSoon(Instant now, java.time.Duration margin) {
    return expiresAt != null && !now.plus(margin).isBefore(expiresAt);
  }

  /** Keeps the token out of logs and messages. */
  @Override
  public String toString() {
    return "Jwt[user=" + user + ", expiresAt=" + expiresAt + "]";
  }
}
