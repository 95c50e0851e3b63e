package dev.payee.exception;

/** {@code idempotency}: 409 {@code idempotency_key_in_use} (the first request with this key still runs; retried automatically) or 422 {@code idempotency_key_reused} (the key was used with another body; never retried). */
public class IdempotencyException extends PayeeException {
  public IdempotencyException(ErrorInfo info) {
    super(info);
  }
}
