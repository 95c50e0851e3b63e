package dev.payee.exception;

/**
 * A waiter saw a status from which none of the wanted ones can be reached (a payment CLOSED,
 * FAILED or REFUNDED while waiting for SUCCEEDED, say). The last state seen is attached.
 */
public class WaitFailedException extends PayeeException {
  private final transient Object lastSeen;

  public WaitFailedException(String message, Object lastSeen) {
    super(ErrorInfo.local("wait_failed", message));
    this.lastSeen = lastSeen;
  }

  /** The {@link dev.payee.model.Payment} or {@link dev.payee.model.Refund} in that status. */
  public Object lastSeen() {
    return lastSeen;
  }
}
