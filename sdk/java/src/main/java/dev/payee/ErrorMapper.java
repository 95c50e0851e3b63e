package dev.payee;

import com.fasterxml.jackson.databind.JsonNode;
import dev.payee.exception.ApiException;
import dev.payee.exception.AuthenticationException;
import dev.payee.exception.ConflictException;
import dev.payee.exception.ErrorInfo;
import dev.payee.exception.IdempotencyException;
import dev.payee.exception.InvalidRequestException;
import dev.payee.exception.NotFoundException;
import dev.payee.exception.PayeeException;
import dev.payee.exception.ProviderUnavailableException;
import dev.payee.exception.RateLimitException;
import dev.payee.exception.ServiceUnavailableException;
import java.io.IOException;
import java.time.Duration;

/** Turns a non-2xx reply into the typed exception its {@code error.type} (or status) names. */
final class ErrorMapper {
  private ErrorMapper() {}

  static PayeeException fromReply(int status, byte[] body, String requestIdHeader, Duration retryAfter) {
    JsonNode error = null;
    String gatewayMessage = null;
    try {
      JsonNode root = Json.MAPPER.readTree(body);
      if (root != null && root.path("error").isObject()) {
        error = root.get("error");
      } else if (root != null) {
        // API Gateway's own replies (403 Forbidden, 429 Too Many Requests) are {"message": ...}.
        gatewayMessage = text(root, "message") != null ? text(root, "message") : text(root, "Message");
      }
    } catch (IOException notJson) {
      // A proxy's HTML page or an empty body: the status alone says what happened.
    }
    ErrorInfo info = error != null
        ? new ErrorInfo(status, text(error, "type"), text(error, "code"), text(error, "message"), text(error, "param"),
            text(error, "payNo"), firstNonNull(text(error, "requestId"), requestIdHeader), retryAfter)
        : new ErrorInfo(status, null, null, gatewayMessage != null ? gatewayMessage : "HTTP " + status, null, null,
            requestIdHeader, retryAfter);
    return create(info);
  }

  static PayeeException create(ErrorInfo info) {
    // 429 and 403 come from the gateway without an error.type; the status decides there.
    if (info.status() == 429) return new RateLimitException(info);
    String type = info.type() == null ? typeOfStatus(info.status()) : info.type();
    return switch (type) {
      case "invalid_request" -> new InvalidRequestException(info);
      case "authentication" -> new AuthenticationException(info);
      case "not_found" -> new NotFoundException(info);
      case "conflict" -> new ConflictException(info);
      case "idempotency" -> new IdempotencyException(info);
      case "provider" -> new ProviderUnavailableException(info);
      case "unavailable" -> new ServiceUnavailableException(info);
      default -> new ApiException(info);
    };
  }

  private static String typeOfStatus(int status) {
    return switch (status) {
      case 400, 422 -> "invalid_request";
      case 401, 403 -> "authentication";
      case 404 -> "not_found";
      case 409 -> "conflict";
      case 503 -> "unavailable";
      default -> "internal";
    };
  }

  private static String text(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value == null || value.isNull() ? null : value.asText();
  }

  private static String firstNonNull(String a, String b) {
    return a != null ? a : b;
  }
}
