package dev.payee.exception;

import java.time.Duration;

/**
 * What payee said about a failed request: the fields of its error shape
 * ({@code {"error":{"type","code","message","param","payNo","requestId"}}}), the HTTP status
 * and the {@code Retry-After} it asked for. Fields the reply did not carry are null.
 *
 * @param status     the HTTP status, or 0 when no reply came
 * @param type       {@code error.type}: invalid_request, authentication, not_found, conflict,
 *                   idempotency, provider, unavailable, internal
 * @param code       {@code error.code}, e.g. parameter_invalid, duplicate_out_trade_no
 * @param message    what went wrong, for people
 * @param param      the field or header at fault
 * @param payNo      the existing payment the error is about (duplicate_out_trade_no)
 * @param requestId  payee's id of the request, for support
 * @param retryAfter how long the server asked the client to wait before retrying
 */
public record ErrorInfo(int status, String type, String code, String message, String param, String payNo,
                        String requestId, Duration retryAfter) {

  /** An error raised on this side of the wire: no status, type or request id. */
  public static ErrorInfo local(String code, String message) {
    return new ErrorInfo(0, null, code, message, null, null, null, null);
  }
}
