package dev.payee.exception;

/** 400 {@code invalid_request}: a field or header is missing or wrong; {@link #param()} names it. Never retried. */
public class InvalidRequestException extends PayeeException {
  public InvalidRequestException(ErrorInfo info) {
    super(info);
  }
}
