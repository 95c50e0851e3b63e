package dev.payee.exception;

import java.time.Duration;

/**
 * A waiter's {@code maxWait} ran out before the payment or refund reached a wanted status.
 * Nothing failed: the last state seen is attached, and waiting again may succeed.
 */
public class WaitTimeoutException extends PayeeException {
  private final transient Object lastSeen;

  public WaitTimeoutException(Duration maxWait, String lastStatus, Object lastSeen) {
    super(ErrorInfo.local("wait_timeout", "gave up waiting after " + maxWait + "; last status " + lastStatus));
    this.lastSeen = lastSeen;
  }

  /** The last {@link dev.payee.model.Payment} or {@link dev.payee.model.Refund} polled. */
  public Object lastSeen() {
    return lastSeen;
  }
}
