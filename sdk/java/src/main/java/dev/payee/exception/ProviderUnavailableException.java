package dev.payee.exception;

/** 503 {@code provider_unavailable}: the provider did not answer and the outcome is unknown. Retried automatically with the same Idempotency-Key. */
public class ProviderUnavailableException extends PayeeException {
  public ProviderUnavailableException(ErrorInfo info) {
    super(info);
  }
}
