package dev.payee.exception;

/** 404 {@code not_found}: no such payment (or one another company owns), or an unknown route. Never retried. */
public class NotFoundException extends PayeeException {
  public NotFoundException(ErrorInfo info) {
    super(info);
  }
}
