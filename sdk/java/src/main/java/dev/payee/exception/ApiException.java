package dev.payee.exception;

/** 500 {@code internal}, or a reply the SDK could not read (an unexpected status or body). 5xx are retried automatically. */
public class ApiException extends PayeeException {
  public ApiException(ErrorInfo info) {
    super(info);
  }
}
