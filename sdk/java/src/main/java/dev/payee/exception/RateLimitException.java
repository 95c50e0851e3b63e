package dev.payee.exception;

/** 429: over the API key's usage plan (throttle or quota). Retried automatically, honouring {@code Retry-After}. */
public class RateLimitException extends PayeeException {
  public RateLimitException(ErrorInfo info) {
    super(info);
  }
}
