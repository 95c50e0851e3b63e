package dev.payee.exception;

/**
 * A notification's {@code Payee-Signature} did not verify: a malformed header, a timestamp
 * outside the tolerance, or no {@code v1} matching the body and secret. Answer the sender non-2xx.
 */
public class SignatureVerificationException extends PayeeException {
  public SignatureVerificationException(String code, String message) {
    super(ErrorInfo.local(code, message));
  }
}
