package org.slurmscope.slurm.rest.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import okhttp3.Call;
import okhttp3.Callback;
import okhttp3.Dispatcher;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Protocol;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;
import org.slurmscope.api.slurm.SlurmSourceException;

/**
 * Sends GET requests to slurmrestd and decodes the responses while they stream in.
 *
 * <p>Only HTTP/1.1 is offered, because slurmrestd responds to an HTTP/2 upgrade request with a
 * broken 405 (seen on Slurm 22.05 and 24.11). Every response body is read for Slurm's {@code
 * errors} whatever the status, because slurmrestd sends JSON error documents with 200, 404, 500 and
 * 511 alike. A body that is empty or not JSON is reported with the status and the endpoint.
 */
final class SlurmrestdClient implements AutoCloseable {

  /** Bytes of a non-JSON body quoted in a message. */
  private static final int EXCERPT_BYTES = 300;

  private static final JsonFactory JSON = new JsonFactory();

  private final RestSettings settings;
  private final ExecutorService executor;
  private final OkHttpClient http;

  /** Decodes a response body. */
  interface BodyDecoder<T> {
    /**
     * Decodes the body.
     *
     * @param origin names the request in messages, such as {@code GET /slurm/v0.0.42/jobs}
     */
    T decode(InputStream body, String origin) throws IOException, SlurmSourceException;
  }

  SlurmrestdClient(RestSettings settings) {
    this.settings = settings;
    this.executor = newExecutor();
    this.http =
        new OkHttpClient.Builder()
            .dispatcher(new Dispatcher(executor))
            .protocols(List.of(Protocol.HTTP_1_1))
            .connectTimeout(settings.connectTimeout())
            .readTimeout(settings.callTimeout())
            .callTimeout(settings.callTimeout())
            .build();
  }

  /**
   * Sends {@code GET path} with the token and decodes the response.
   *
   * @param path the path under the base URL, such as {@code slurm/v0.0.42/jobs}
   * @throws SlurmrestdException when slurmrestd cannot be reached, rejects the token, responds with
   *     an error status or with errors in its JSON, or sends a body that cannot be decoded
   */
  <T> T get(String path, Jwt token, BodyDecoder<T> decoder)
      throws SlurmrestdException, InterruptedException {
    HttpUrl url = settings.url().newBuilder().addPathSegments(path).build();
    String origin = "GET " + url.encodedPath();
    Request.Builder request =
        new Request.Builder()
            .url(url)
            .header("Accept", "application/json")
            .header("User-Agent", "slurmscope");
    if (token != null) {
      request.header("X-SLURM-USER-TOKEN", token.value());
      String user = settings.userName() != null ? settings.userName() : token.user();
      if (user != null) {
        request.header("X-SLURM-USER-NAME", user);
      }
    }
    Call call = http.newCall(request.build());
    CompletableFuture<T> result = new CompletableFuture<>();
    call.enqueue(new DecodingCallback<>(result, origin, decoder));
    try {
      return result.get();
    } catch (InterruptedException e) {
      call.cancel();
      throw e;
    } catch (ExecutionException e) {
      throw failure(origin, e.getCause());
    }
  }

  /** Releases the dispatcher threads and idle connections. */
  @Override
  public void close() {
    executor.shutdown();
    http.connectionPool().evictAll();
  }

  /**
   * Returns the API versions that slurmrestd's OpenAPI description ({@code /openapi/v3}) lists,
   * read as a stream: only the names of its {@code paths} are looked at.
   */
  static TreeSet<ApiVersion> versionsOfPaths(InputStream body, String origin) throws IOException {
    TreeSet<ApiVersion> versions = new TreeSet<>();
    try (JsonParser parser = JSON.createParser(body)) {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        return versions;
      }
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String field = parser.currentName();
        parser.nextToken();
        if (!field.equals("paths") || parser.currentToken() != JsonToken.START_OBJECT) {
          parser.skipChildren();
          continue;
        }
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
          Matcher match = ApiVersion.IN_PATH.matcher(parser.currentName());
          if (match.find()) {
            versions.add(ApiVersion.parse(match.group(1)));
          }
          parser.nextToken();
          parser.skipChildren();
        }
      }
    }
    return versions;
  }

  private SlurmrestdException failure(String origin, Throwable cause) {
    if (cause instanceof SlurmrestdException known) {
      return known;
    }
    String reason =
        cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
    if (executor.isShutdown()) {
      return new SlurmrestdException(
          SlurmrestdException.Kind.UNREACHABLE,
          "the slurmrestd client for "
              + settings.displayUrl()
              + " was reconfigured before "
              + origin
              + " completed; the next poll uses the new settings",
          cause);
    }
    if (cause instanceof InterruptedIOException) {
      return new SlurmrestdException(
          SlurmrestdException.Kind.UNREACHABLE,
          origin
              + " to slurmrestd at "
              + settings.displayUrl()
              + " timed out ("
              + reason
              + "): raise callTimeoutMillis in "
              + RestConfiguration.PID
              + " if slurmctld is slow to list every job",
          cause);
    }
    return new SlurmrestdException(
        SlurmrestdException.Kind.UNREACHABLE,
        "slurmrestd at "
            + settings.displayUrl()
            + " is not reachable ("
            + reason
            + "): check url in "
            + RestConfiguration.PID
            + " and that slurmrestd runs",
        cause);
  }

  private static ExecutorService newExecutor() {
    AtomicInteger count = new AtomicInteger();
    return new ThreadPoolExecutor(
        0,
        Integer.MAX_VALUE,
        60,
        TimeUnit.SECONDS,
        new SynchronousQueue<>(),
        runnable -> {
          Thread thread = new Thread(runnable, "slurmscope-slurm-rest-" + count.incrementAndGet());
          thread.setDaemon(true);
          return thread;
        });
  }

  /**
   * Decodes a response on the dispatcher thread, so that the caller's wait can be interrupted, and
   * turns every kind of failure into one {@link SlurmrestdException}.
   */
  private final class DecodingCallback<T> implements Callback {
    private final CompletableFuture<T> result;
    private final String origin;
    private final BodyDecoder<T> decoder;

    DecodingCallback(CompletableFuture<T> result, String origin, BodyDecoder<T> decoder) {
      this.result = result;
      this.origin = origin;
      this.decoder = decoder;
    }

    @Override
    public void onFailure(Call call, IOException e) {
      result.completeExceptionally(e);
    }

    @Override
    public void onResponse(Call call, Response response) {
      try (response) {
        result.complete(read(response));
      } catch (SlurmrestdException e) {
        result.completeExceptionally(e);
      } catch (IOException | RuntimeException e) {
        result.completeExceptionally(
            new SlurmrestdException(
                SlurmrestdException.Kind.BAD_ANSWER,
                "reading the response to "
                    + origin
                    + " from slurmrestd at "
                    + settings.displayUrl()
                    + " failed: "
                    + e,
                e));
      }
    }

    private T read(Response response) throws IOException, SlurmrestdException {
      int status = response.code();
      ResponseBody body = response.body();
      MediaType type = body.contentType();
      boolean json = type != null && type.subtype().toLowerCase(Locale.ROOT).contains("json");
      if (!json) {
        throw nonJson(status, type, excerpt(body));
      }
      T decoded;
      try {
        decoded = decoder.decode(body.byteStream(), origin);
      } catch (SlurmSourceException e) {
        throw SlurmrestdException.fromErrors(
            status, origin, settings.displayUrl(), e.getMessage(), e);
      }
      if (status >= 300) {
        throw SlurmrestdException.fromStatus(
            status, origin, settings.displayUrl(), "a JSON body without errors");
      }
      return decoded;
    }

    private SlurmrestdException nonJson(int status, MediaType type, String text) {
      String what =
          text.isEmpty()
              ? "an empty body"
              : (type == null ? "a body" : type.type() + "/" + type.subtype())
                  + " \""
                  + text
                  + "\"";
      if (status < 300) {
        return new SlurmrestdException(
            SlurmrestdException.Kind.BAD_ANSWER,
            "slurmrestd at "
                + settings.displayUrl()
                + " returned "
                + status
                + " for "
                + origin
                + " with "
                + what
                + " instead of JSON: check url in "
                + RestConfiguration.PID
                + " points at slurmrestd",
            null);
      }
      return SlurmrestdException.fromStatus(status, origin, settings.displayUrl(), what);
    }

    private static String excerpt(ResponseBody body) throws IOException {
      byte[] bytes = body.source().readByteArray(Math.min(EXCERPT_BYTES, peekLength(body)));
      String text = new String(bytes, StandardCharsets.UTF_8).strip();
      return String.join(" ", text.lines().map(String::strip).toList());
    }

    private static long peekLength(ResponseBody body) throws IOException {
      body.source().request(EXCERPT_BYTES);
      return body.source().getBuffer().size();
    }
  }
}
