package dev.payee.exception;

/**
 * No reply: the connection failed, was reset or timed out, or the call was interrupted. Retried
 * automatically (a POST with the same Idempotency-Key, so a retried create never makes two
 * payments); thrown once retries are spent. {@link #getCause()} is the I/O error.
 */
public class ApiConnectionException extends PayeeException {
  public ApiConnectionException(String message, Throwable cause) {
    super(ErrorInfo.local("api_connection_error", message), cause);
  }
}
