package dev.payee.exception;

/** 503 {@code service_unavailable}: payee's storage did not answer in time. Retried automatically with the same Idempotency-Key. */
public class ServiceUnavailableException extends PayeeException {
  public ServiceUnavailableException(ErrorInfo info) {
    super(info);
  }
}
