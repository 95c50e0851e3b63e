package dev.payee;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JavaType;
import dev.payee.exception.ApiConnectionException;
import dev.payee.exception.ApiException;
import dev.payee.exception.ErrorCode;
import dev.payee.exception.ErrorInfo;
import dev.payee.exception.PayeeException;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.StringJoiner;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.function.DoubleSupplier;

/**
 * Sends one API call: headers, JSON, retries with backoff and one Idempotency-Key per POST,
 * and the mapping of failures to typed exceptions. Blocking and asynchronous paths share
 * {@link #judge}, so they retry alike.
 */
final class Requester {
  static final Duration INITIAL_RETRY_DELAY = Duration.ofMillis(500);
  static final Duration MAX_RETRY_DELAY = Duration.ofSeconds(5);
  /** A longer Retry-After is not waited out inside a call: the error goes to the caller. */
  static final Duration MAX_RETRY_AFTER = Duration.ofSeconds(60);

  private final HttpClient http;
  private final String baseUrl;
  private final String apiKey;
  private final Duration timeout;
  private final int maxRetries;
  private final Executor executor;
  private final Sleeper sleeper;
  private final Clock clock;
  private final DoubleSupplier random;

  Requester(HttpClient http, String baseUrl, String apiKey, Duration timeout, int maxRetries, Executor executor,
            Sleeper sleeper, Clock clock, DoubleSupplier random) {
    this.http = http;
    this.baseUrl = baseUrl;
    this.apiKey = apiKey;
    this.timeout = timeout;
    this.maxRetries = maxRetries;
    this.executor = executor;
    this.sleeper = sleeper;
    this.clock = clock;
    this.random = random;
  }

  Executor executor() {
    return executor;
  }

  Sleeper sleeper() {
    return sleeper;
  }

  Clock clock() {
    return clock;
  }

  /** One logical call: its request is built once, so every retry carries the same Idempotency-Key. */
  record Call(HttpRequest request, int maxRetries) {}

  Call call(String method, String path, Map<String, String> query, Object body, RequestOptions options) {
    HttpRequest.Builder builder = HttpRequest.newBuilder(uri(path, query))
        .timeout(options.timeout() != null ? options.timeout() : timeout)
        .header("x-api-key", options.apiKey() != null ? options.apiKey() : apiKey)
        .header("Accept", "application/json")
        .header("User-Agent", Version.USER_AGENT)
        .header("Payee-Client", Version.CLIENT)
        .header("Payee-Version", Version.API_VERSION);
    // Plain-http servers (the local stack) need not speak h2c; HttpClient's upgrade attempt only costs.
    if ("http".equalsIgnoreCase(builder.build().uri().getScheme())) builder.version(HttpClient.Version.HTTP_1_1);
    if ("POST".equals(method)) {
      builder.header("Idempotency-Key", options.idempotencyKey() != null ? options.idempotencyKey() : UUID.randomUUID().toString());
      if (body != null) {
        builder.header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(json(body)));
      } else {
        builder.POST(HttpRequest.BodyPublishers.noBody());
      }
    } else {
      builder.GET();
    }
    return new Call(builder.build(), options.maxRetries() != null ? options.maxRetries() : maxRetries);
  }

  <T> T send(Call call, JavaType type) {
    for (int attempt = 0; ; attempt++) {
      HttpResponse<byte[]> reply = null;
      IOException error = null;
      try {
        reply = http.send(call.request(), HttpResponse.BodyHandlers.ofByteArray());
      } catch (IOException e) {
        error = e;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new ApiConnectionException("interrupted before payee answered", e);
      }
      Verdict verdict = judge(call, attempt, reply, error);
      if (verdict.retryIn() == null) return result(verdict, type);
      try {
        sleeper.sleep(verdict.retryIn());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw verdict.failure();
      }
    }
  }

  <T> CompletableFuture<T> sendAsync(Call call, JavaType type) {
    return attemptAsync(call, 0).thenApply(verdict -> result(verdict, type));
  }

  private CompletableFuture<Verdict> attemptAsync(Call call, int attempt) {
    return http.sendAsync(call.request(), HttpResponse.BodyHandlers.ofByteArray())
        .handle((reply, error) -> judge(call, attempt, reply, error == null ? null : ioError(error)))
        .thenCompose(verdict -> verdict.retryIn() == null
            ? CompletableFuture.completedFuture(verdict)
            : sleeper.delay(verdict.retryIn(), executor).thenCompose(ignored -> attemptAsync(call, attempt + 1)));
  }

  /**
   * What one attempt came to: a reply to return, a failure to throw, or (retryIn set) a failure
   * to retry after that long.
   */
  private record Verdict(HttpResponse<byte[]> reply, PayeeException failure, Duration retryIn) {}

  private Verdict judge(Call call, int attempt, HttpResponse<byte[]> reply, IOException error) {
    if (error != null) {
      PayeeException failure = new ApiConnectionException(connectionMessage(call.request(), error), error);
      // A keep-alive socket can die while a Lambda or container is frozen: one retry even with retries off.
      int allowed = isStaleConnection(error) ? Math.max(call.maxRetries(), 1) : call.maxRetries();
      return new Verdict(null, failure, attempt < allowed ? backoff(attempt) : null);
    }
    int status = reply.statusCode();
    if (status >= 200 && status < 300) return new Verdict(reply, null, null);
    Duration retryAfter = retryAfter(reply);
    PayeeException failure = ErrorMapper.fromReply(status, reply.body(),
        reply.headers().firstValue("x-amzn-RequestId").orElse(null), retryAfter);
    boolean retryable = status == 429 || status >= 500
        || (status == 409 && ErrorCode.IDEMPOTENCY_KEY_IN_USE.equals(failure.code()));
    if (!retryable || attempt >= call.maxRetries()) return new Verdict(reply, failure, null);
    if (retryAfter == null) return new Verdict(reply, failure, backoff(attempt));
    return new Verdict(reply, failure, retryAfter.compareTo(MAX_RETRY_AFTER) > 0 ? null : retryAfter);
  }

  private <T> T result(Verdict verdict, JavaType type) {
    if (verdict.failure() != null) throw verdict.failure();
    try {
      return Json.MAPPER.readValue(verdict.reply().body(), type);
    } catch (IOException e) {
      HttpResponse<byte[]> reply = verdict.reply();
      throw new ApiException(new ErrorInfo(reply.statusCode(), null, "invalid_response",
          "payee's reply could not be read as " + type.getTypeName() + ": " + e.getMessage(), null, null,
          reply.headers().firstValue("x-amzn-RequestId").orElse(null), null));
    }
  }

  /** Exponential backoff from 0.5 s, doubling to at most 5 s, with jitter of ×(0.5..1). */
  Duration backoff(int attempt) {
    long base = Math.min(MAX_RETRY_DELAY.toMillis(), INITIAL_RETRY_DELAY.toMillis() << Math.min(attempt, 20));
    return Duration.ofMillis((long) (base * (0.5 + 0.5 * random.getAsDouble())));
  }

  /** Retry-After in seconds or as an HTTP date; null when absent or unreadable. */
  private Duration retryAfter(HttpResponse<?> reply) {
    String value = reply.headers().firstValue("Retry-After").orElse(null);
    if (value == null) return null;
    try {
      double seconds = Double.parseDouble(value.trim());
      return seconds < 0 ? null : Duration.ofMillis((long) (seconds * 1000));
    } catch (NumberFormatException notSeconds) {
      try {
        Duration until = Duration.between(clock.instant(), ZonedDateTime.parse(value.trim(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
        return until.isNegative() ? Duration.ZERO : until;
      } catch (DateTimeParseException unreadable) {
        return null;
      }
    }
  }

  private static boolean isStaleConnection(Throwable error) {
    if (error instanceof EOFException) return true;
    String message = String.valueOf(error.getMessage()).toLowerCase();
    // How the JDK reports a peer that closed a pooled connection without answering.
    return message.contains("connection reset") || message.contains("broken pipe")
        || message.contains("received no bytes") || message.contains("connection closed");
  }

  private static String connectionMessage(HttpRequest request, IOException error) {
    String call = request.method() + " " + request.uri();
    if (error instanceof HttpTimeoutException) return "payee did not answer in time: " + call;
    return "could not reach payee: " + call + ": " + error;
  }

  /** The I/O error behind an async failure; anything else is a bug to surface as it is. */
  private static IOException ioError(Throwable error) {
    Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
    if (cause instanceof IOException io) return io;
    throw error instanceof CompletionException completion ? completion : new CompletionException(cause);
  }

  private URI uri(String path, Map<String, String> query) {
    StringBuilder url = new StringBuilder(baseUrl).append(path);
    if (query != null && !query.isEmpty()) {
      StringJoiner pairs = new StringJoiner("&", "?", "");
      query.forEach((name, value) -> {
        if (value != null) pairs.add(encode(name) + "=" + encode(value));
      });
      url.append(pairs);
    }
    return URI.create(url.toString());
  }

  static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
  }

  private static byte[] json(Object body) {
    try {
      return Json.MAPPER.writeValueAsBytes(body);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }
}
