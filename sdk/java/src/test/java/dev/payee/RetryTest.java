package dev.payee;

import static dev.payee.Fixtures.createParams;
import static dev.payee.Fixtures.error;
import static dev.payee.Fixtures.payment;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.payee.exception.ApiConnectionException;
import dev.payee.exception.ConflictException;
import dev.payee.exception.IdempotencyException;
import dev.payee.exception.InvalidRequestException;
import dev.payee.exception.RateLimitException;
import dev.payee.exception.ServiceUnavailableException;
import dev.payee.model.Payment;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RetryTest {
  private final ScriptedServer server;
  private final FakeTime time = new FakeTime();

  RetryTest() throws IOException {
    server = new ScriptedServer();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private List<String> idempotencyKeys() {
    return server.requests().stream().map(r -> r.header("Idempotency-Key")).toList();
  }

  @Test
  void retriesA503WithOneIdempotencyKeyAndDoublingBackoff() {
    server.reply(503, error("provider", "provider_unavailable"), Map.of("Retry-After", "0"))
        .reply(500, error("internal", "internal_error"))
        .reply(201, payment("P1", "PENDING"));

    Payment payment = time.client(server, 1.0).payments().create(createParams());

    assertEquals("P1", payment.payNo());
    assertEquals(3, server.requests().size());
    List<String> keys = idempotencyKeys();
    UUID.fromString(keys.get(0));
    assertEquals(List.of(keys.get(0), keys.get(0), keys.get(0)), keys);
    // Retry-After is taken exactly as asked; without it the backoff of the second retry applies.
    assertEquals(List.of(Duration.ZERO, Duration.ofMillis(1000)), time.sleeps());
  }

  @Test
  void everyCallHasItsOwnKeyAndTheCallersKeyWins() {
    server.reply(201, payment("P1", "PENDING")).reply(201, payment("P2", "PENDING"))
        .reply(409, error("idempotency", "idempotency_key_in_use")).reply(201, payment("P3", "PENDING"));
    PayeeClient client = time.client(server, 1.0);

    client.payments().create(createParams());
    client.payments().create(createParams());
    client.payments().create(createParams(), RequestOptions.idempotencyKey("order-A1001"));

    List<String> keys = idempotencyKeys();
    assertNotEquals(keys.get(0), keys.get(1));
    assertEquals(List.of("order-A1001", "order-A1001"), keys.subList(2, 4));
  }

  @Test
  void backoffDoublesToFiveSecondsAndJitterScalesItByHalfToOne() {
    assertEquals(List.of(500L, 1000L, 2000L, 4000L, 5000L, 5000L), sleepsOfSixRetries(1.0));
    assertEquals(List.of(250L, 500L, 1000L, 2000L, 2500L, 2500L), sleepsOfSixRetries(0.0));
  }

  private List<Long> sleepsOfSixRetries(double random) {
    FakeTime clock = new FakeTime();
    for (int i = 0; i < 6; i++) server.reply(500, error("internal", "internal_error"));
    server.reply(200, payment("P1", "PENDING"));
    PayeeClient client = PayeeClient.builder().baseUrl(server.baseUrl()).apiKey("k").maxRetries(6)
        .sleeper(clock).clock(clock).random(() -> random).build();
    client.payments().get("P1");
    return clock.sleeps().stream().map(Duration::toMillis).toList();
  }

  @Test
  void honoursRetryAfterOnA429() {
    server.reply(429, "{\"message\":\"Too Many Requests\"}", Map.of("Retry-After", "2"))
        .reply(200, payment("P1", "PENDING"));

    time.client(server, 1.0).payments().get("P1");

    assertEquals(List.of(Duration.ofSeconds(2)), time.sleeps());
    assertEquals(2, server.requests().size());
  }

  @Test
  void aRetryAfterBeyondSixtySecondsGoesToTheCaller() {
    server.reply(429, "{\"message\":\"Too Many Requests\"}", Map.of("Retry-After", "120"));

    RateLimitException e = assertThrows(RateLimitException.class, () -> time.client(server, 1.0).payments().get("P1"));

    assertEquals(Duration.ofSeconds(120), e.retryAfter().orElseThrow());
    assertEquals(1, server.requests().size());
    assertEquals(List.of(), time.sleeps());
  }

  @Test
  void throwsTheLastErrorOnceRetriesAreSpent() {
    for (int i = 0; i < 3; i++) server.reply(503, error("unavailable", "service_unavailable"));

    ServiceUnavailableException e = assertThrows(ServiceUnavailableException.class,
        () -> time.client(server, 1.0).payments().create(createParams()));

    assertEquals("service_unavailable", e.code());
    assertEquals(3, server.requests().size());
    assertEquals(2, time.sleeps().size());
  }

  @Test
  void perCallMaxRetriesOverridesTheClients() {
    for (int i = 0; i < 2; i++) server.reply(500, error("internal", "internal_error"));
    RequestOptions once = RequestOptions.builder().maxRetries(0).build();

    assertThrows(dev.payee.exception.ApiException.class, () -> time.client(server, 1.0).payments().get("P1", once));
    assertEquals(1, server.requests().size());
  }

  @Test
  void neverRetriesOther4xx() {
    server.reply(400, error("invalid_request", "parameter_invalid"))
        .reply(409, "{\"error\":{\"type\":\"conflict\",\"code\":\"duplicate_out_trade_no\",\"message\":\"m\",\"payNo\":\"P9\",\"requestId\":\"r\"}}")
        .reply(422, error("idempotency", "idempotency_key_reused"));
    PayeeClient client = time.client(server, 1.0);

    assertThrows(InvalidRequestException.class, () -> client.payments().create(createParams()));
    ConflictException duplicate = assertThrows(ConflictException.class, () -> client.payments().create(createParams()));
    assertEquals("P9", duplicate.payNo());
    IdempotencyException reused = assertThrows(IdempotencyException.class, () -> client.payments().create(createParams()));
    assertEquals(422, reused.status());

    assertEquals(3, server.requests().size());
    assertEquals(List.of(), time.sleeps());
  }

  @Test
  void theAsyncPathRetriesAlike() {
    server.reply(409, error("idempotency", "idempotency_key_in_use"))
        .reply(502, "<html>Bad Gateway</html>")
        .reply(201, payment("P1", "PENDING"));

    Payment payment = time.client(server, 0.0).payments().createAsync(createParams()).join();

    assertEquals("P1", payment.payNo());
    List<String> keys = idempotencyKeys();
    assertEquals(List.of(keys.get(0), keys.get(0), keys.get(0)), keys);
    assertEquals(List.of(Duration.ofMillis(250), Duration.ofMillis(500)), time.sleeps());
  }

  @Test
  void theAsyncPathFailsWithTheTypedError() {
    server.reply(404, error("not_found", "resource_missing"));

    CompletionException e = assertThrows(CompletionException.class, () -> time.client(server, 1.0).payments().getAsync("P1").join());

    assertTrue(e.getCause() instanceof dev.payee.exception.NotFoundException, e.getCause().toString());
  }

  @Test
  void retriesConnectionErrorsThenThrowsApiConnectionException() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      int port = socket.getLocalPort();
      socket.close();
      PayeeClient client = PayeeClient.builder().baseUrl("http://127.0.0.1:" + port).apiKey("k").sleeper(time).clock(time)
          .random(() -> 1.0).build();

      ApiConnectionException e = assertThrows(ApiConnectionException.class, () -> client.payments().create(createParams()));

      assertTrue(e.getCause() instanceof IOException, String.valueOf(e.getCause()));
      assertEquals(List.of(Duration.ofMillis(500), Duration.ofMillis(1000)), time.sleeps());
    }
  }

  /**
   * A server that drops its first connection without a word, as a kept-alive socket of a
   * frozen Lambda does, then answers: one retry even with retries off, same Idempotency-Key.
   */
  @Test
  void aDroppedConnectionIsRetriedOnceEvenWithRetriesOff() throws Exception {
    try (ServerSocket socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      AtomicInteger connections = new AtomicInteger();
      List<String> keys = new java.util.concurrent.CopyOnWriteArrayList<>();
      Thread acceptor = new Thread(() -> {
        try {
          while (connections.get() < 2) {
            try (Socket connection = socket.accept()) {
              String request = readHead(connection.getInputStream());
              keys.add(request.lines().filter(l -> l.toLowerCase().startsWith("idempotency-key:")).findFirst().orElse(""));
              if (connections.incrementAndGet() == 1) continue;
              byte[] body = payment("P1", "PENDING").getBytes(StandardCharsets.UTF_8);
              OutputStream out = connection.getOutputStream();
              out.write(("HTTP/1.1 201 Created\r\nContent-Type: application/json\r\nContent-Length: " + body.length
                  + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
              out.write(body);
              out.flush();
            }
          }
        } catch (IOException ignored) {
          // The test's assertions report what went wrong.
        }
      });
      acceptor.start();
      PayeeClient client = PayeeClient.builder().baseUrl("http://127.0.0.1:" + socket.getLocalPort()).apiKey("k")
          .maxRetries(0).sleeper(time).clock(time).random(() -> 1.0).build();

      Payment payment = client.payments().create(createParams());

      acceptor.join(5000);
      assertEquals("P1", payment.payNo());
      assertEquals(2, connections.get());
      assertEquals(keys.get(0), keys.get(1));
    }
  }

  private static String readHead(InputStream in) throws IOException {
    StringBuilder head = new StringBuilder();
    int c;
    while ((c = in.read()) != -1) {
      head.append((char) c);
      if (head.toString().endsWith("\r\n\r\n")) break;
    }
    String text = head.toString();
    int length = text.lines().filter(l -> l.toLowerCase().startsWith("content-length:"))
        .map(l -> Integer.parseInt(l.substring(15).trim())).findFirst().orElse(0);
    in.readNBytes(length);
    return text;
  }
}
