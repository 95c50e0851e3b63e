package dev.payee;

import static dev.payee.Fixtures.error;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.payee.exception.ApiException;
import dev.payee.exception.AuthenticationException;
import dev.payee.exception.ConflictException;
import dev.payee.exception.IdempotencyException;
import dev.payee.exception.InvalidRequestException;
import dev.payee.exception.NotFoundException;
import dev.payee.exception.PayeeException;
import dev.payee.exception.ProviderUnavailableException;
import dev.payee.exception.RateLimitException;
import dev.payee.exception.ServiceUnavailableException;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ErrorMappingTest {
  private final ScriptedServer server;

  ErrorMappingTest() throws IOException {
    server = new ScriptedServer();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  static Stream<Arguments> errorTypes() {
    return Stream.of(
        Arguments.of(400, "invalid_request", "parameter_invalid", InvalidRequestException.class),
        Arguments.of(403, "authentication", "api_key_expired", AuthenticationException.class),
        Arguments.of(404, "not_found", "resource_missing", NotFoundException.class),
        Arguments.of(409, "conflict", "payment_not_closable", ConflictException.class),
        Arguments.of(409, "idempotency", "idempotency_key_in_use", IdempotencyException.class),
        Arguments.of(422, "idempotency", "idempotency_key_reused", IdempotencyException.class),
        Arguments.of(503, "provider", "provider_unavailable", ProviderUnavailableException.class),
        Arguments.of(503, "unavailable", "service_unavailable", ServiceUnavailableException.class),
        Arguments.of(500, "internal", "internal_error", ApiException.class));
  }

  @ParameterizedTest
  @MethodSource("errorTypes")
  void eachErrorTypeIsItsOwnClassWithTheReplysFields(int status, String type, String code, Class<? extends PayeeException> expected) {
    server.reply(status, error(type, code), Map.of("Retry-After", "1"));
    PayeeClient client = PayeeClient.builder().baseUrl(server.baseUrl()).apiKey("k").maxRetries(0).build();

    PayeeException e = assertThrows(PayeeException.class, () -> client.payments().get("P1"));

    assertEquals(expected, e.getClass());
    assertEquals(status, e.status());
    assertEquals(type, e.type());
    assertEquals(code, e.code());
    assertEquals("amount", e.param());
    assertEquals("req-1", e.requestId());
    assertEquals("m", e.apiMessage());
    assertEquals(Duration.ofSeconds(1), e.retryAfter().orElseThrow());
    assertEquals("m (status " + status + ", code " + code + ", param amount, requestId req-1)", e.getMessage());
  }

  @Test
  void gatewayRefusalsAreMappedByStatusWithTheGatewaysRequestId() {
    server.reply(403, "{\"message\":\"Forbidden\"}", Map.of("x-amzn-RequestId", "gw-1"))
        .reply(429, "{\"message\":\"Too Many Requests\"}", Map.of("x-amzn-RequestId", "gw-2"))
        .reply(502, "<html>Bad Gateway</html>");
    PayeeClient client = PayeeClient.builder().baseUrl(server.baseUrl()).apiKey("k").maxRetries(0).build();

    AuthenticationException forbidden = assertThrows(AuthenticationException.class, () -> client.payments().get("P1"));
    assertEquals("Forbidden", forbidden.apiMessage());
    assertEquals("gw-1", forbidden.requestId());
    assertNull(forbidden.type());
    RateLimitException limited = assertThrows(RateLimitException.class, () -> client.payments().get("P1"));
    assertEquals("gw-2", limited.requestId());
    ApiException badGateway = assertThrows(ApiException.class, () -> client.payments().get("P1"));
    assertEquals(502, badGateway.status());
  }

  @Test
  void anUnreadableSuccessIsAnApiExceptionNotAGuess() {
    server.reply(200, "{\"payNo\":");
    PayeeClient client = PayeeClient.builder().baseUrl(server.baseUrl()).apiKey("k").build();

    ApiException e = assertThrows(ApiException.class, () -> client.payments().get("P1"));

    assertEquals("invalid_response", e.code());
    assertEquals(1, server.requests().size());
  }
}
