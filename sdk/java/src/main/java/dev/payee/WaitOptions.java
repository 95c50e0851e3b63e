package dev.payee;

import java.time.Duration;
import java.util.Objects;

/**
 * How a waiter polls, as AWS SDK waiters do: at most {@code maxWait} in all (the create
 * included), polls spaced by an exponential backoff with jitter between {@code minDelay} and
 * {@code maxDelay}, and a last poll at the deadline before giving up with
 * {@link dev.payee.exception.WaitTimeoutException}.
 */
public record WaitOptions(Duration maxWait, Duration minDelay, Duration maxDelay) {
  public WaitOptions {
    Objects.requireNonNull(maxWait, "maxWait");
    Objects.requireNonNull(minDelay, "minDelay");
    Objects.requireNonNull(maxDelay, "maxDelay");
    if (minDelay.isNegative() || minDelay.isZero() || maxDelay.compareTo(minDelay) < 0) {
      throw new IllegalArgumentException("need 0 < minDelay <= maxDelay");
    }
  }

  /** 5 minutes in all, polls 1 to 15 seconds apart. */
  public static WaitOptions defaults() {
    return new WaitOptions(Duration.ofMinutes(5), Duration.ofSeconds(1), Duration.ofSeconds(15));
  }

  public static WaitOptions maxWait(Duration maxWait) {
    return defaults().withMaxWait(maxWait);
  }

  public WaitOptions withMaxWait(Duration maxWait) {
    return new WaitOptions(maxWait, minDelay, maxDelay);
  }

  public WaitOptions withDelays(Duration minDelay, Duration maxDelay) {
    return new WaitOptions(maxWait, minDelay, maxDelay);
  }
}
