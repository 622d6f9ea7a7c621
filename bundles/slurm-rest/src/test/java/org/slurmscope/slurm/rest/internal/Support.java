package org.slurmscope.slurm.rest.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import okhttp3.mockwebserver.MockResponse;

/** Configurations, tokens and recorded slurmrestd answers for the tests. */
final class Support {

  private Support() {}

  /** Returns a configuration with the annotation's defaults except for {@code values}. */
  static RestConfiguration config(Map<String, Object> values) {
    return (RestConfiguration)
        Proxy.newProxyInstance(
            RestConfiguration.class.getClassLoader(),
            new Class<?>[] {RestConfiguration.class},
            (proxy, method, arguments) ->
                values.containsKey(method.getName())
                    ? values.get(method.getName())
                    : method.getDefaultValue());
  }

  /** Returns a JWT shaped as Slurm issues it, for {@code user}, expiring at {@code expiry}. */
  static String jwt(String user, Instant expiry) {
    Base64.Encoder encoder = Base64.getUrlEncoder().withoutPadding();
    String header =
        encoder.encodeToString(
            "{\"alg\":\"HS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
    String claims =
        encoder.encodeToString(
            ("{\"exp\":"
                    + expiry.getEpochSecond()
                    + ",\"iat\":"
                    + (expiry.getEpochSecond() - 3600)
                    + ",\"sun\":\""
                    + user
                    + "\"}")
                .getBytes(StandardCharsets.UTF_8));
    return header + "." + claims + ".c2lnbmF0dXJl";
  }

  /** Returns a recorded answer as a response with the given status and content type. */
  static MockResponse recorded(int status, String contentType, String resource) {
    return new MockResponse()
        .setResponseCode(status)
        .setHeader("Content-Type", contentType)
        .setBody(text(resource));
  }

  static MockResponse json(String resource) {
    return recorded(200, "application/json", resource);
  }

  static String text(String resource) {
    try (InputStream in = Support.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalArgumentException("test resource not found: " + resource);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
