package dev.payee.exception;

/** 403: the API key is missing, unknown or disabled, or a rotated key is past its overlap ({@code api_key_expired}). Never retried. */
public class AuthenticationException extends PayeeException {
  public AuthenticationException(ErrorInfo info) {
    super(info);
  }
}
