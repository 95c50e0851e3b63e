package dev.payee;

import dev.payee.exception.ApiConnectionException;
import dev.payee.exception.WaitFailedException;
import dev.payee.exception.WaitTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.function.DoubleSupplier;
import java.util.function.Supplier;

/** Polls something until it reaches a wanted state, a hopeless one, or the deadline. */
final class Waiter {
  /** How a waiter reads a polled object. */
  interface Rule<T> {
    boolean done(T value);

    /** True when no wanted state can be reached from here any more. */
    boolean hopeless(T value);

    String status(T value);
  }

  private final Requester requester;
  private final DoubleSupplier random;

  Waiter(Requester requester, DoubleSupplier random) {
    this.requester = requester;
    this.random = random;
  }

  /** Starts the clock, for a wait whose first state comes from a call made here. */
  Instant start() {
    return requester.clock().instant();
  }

  <T> T await(Instant start, WaitOptions options, T first, Supplier<T> poll, Rule<T> rule) {
    Instant deadline = start.plus(options.maxWait());
    T current = first;
    for (int attempt = 0; ; attempt++) {
      if (verdict(current, rule)) return current;
      Duration remaining = Duration.between(requester.clock().instant(), deadline);
      if (remaining.isNegative() || remaining.isZero()) throw timeout(options, current, rule);
      try {
        requester.sleeper().sleep(min(delay(attempt, options), remaining));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new ApiConnectionException("interrupted while waiting", e);
      }
      current = poll.get();
    }
  }

  <T> CompletableFuture<T> awaitAsync(Instant start, WaitOptions options, T first,
                                      Supplier<CompletableFuture<T>> poll, Rule<T> rule) {
    return step(start.plus(options.maxWait()), options, first, poll, rule, 0);
  }

  private <T> CompletableFuture<T> step(Instant deadline, WaitOptions options, T current,
                                        Supplier<CompletableFuture<T>> poll, Rule<T> rule, int attempt) {
    try {
      if (verdict(current, rule)) return CompletableFuture.completedFuture(current);
    } catch (WaitFailedException e) {
      return CompletableFuture.failedFuture(e);
    }
    Duration remaining = Duration.between(requester.clock().instant(), deadline);
    if (remaining.isNegative() || remaining.isZero()) return CompletableFuture.failedFuture(timeout(options, current, rule));
    return requester.sleeper().delay(min(delay(attempt, options), remaining), requester.executor())
        .thenCompose(ignored -> poll.get())
        .thenCompose(next -> step(deadline, options, next, poll, rule, attempt + 1));
  }

  /** True when done; throws when hopeless; false to keep polling. */
  private static <T> boolean verdict(T current, Rule<T> rule) {
    if (rule.done(current)) return true;
    if (rule.hopeless(current)) {
      throw new WaitFailedException("status " + rule.status(current) + " cannot reach the wanted status", current);
    }
    return false;
  }

  private static <T> WaitTimeoutException timeout(WaitOptions options, T current, Rule<T> rule) {
    return new WaitTimeoutException(options.maxWait(), rule.status(current), current);
  }

  /** The attempt-th delay: a random point between minDelay and min(maxDelay, minDelay × 2^attempt). */
  Duration delay(int attempt, WaitOptions options) {
    long min = options.minDelay().toMillis();
    long ceiling = Math.min(options.maxDelay().toMillis(), min << Math.min(attempt, 20));
    return Duration.ofMillis(min + (long) ((ceiling - min) * random.getAsDouble()));
  }

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }
}
