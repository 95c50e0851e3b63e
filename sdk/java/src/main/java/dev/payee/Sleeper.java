package dev.payee;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

/** Waiting between attempts and polls; tests put a fake clock behind it. */
interface Sleeper {
  void sleep(Duration duration) throws InterruptedException;

  /** Completes after {@code duration}, on {@code executor}, without holding a thread meanwhile. */
  CompletableFuture<Void> delay(Duration duration, Executor executor);

  Sleeper SYSTEM = new Sleeper() {
    @Override
    public void sleep(Duration duration) throws InterruptedException {
      Thread.sleep(duration.toMillis());
    }

    @Override
    public CompletableFuture<Void> delay(Duration duration, Executor executor) {
      return CompletableFuture.runAsync(() -> {}, CompletableFuture.delayedExecutor(duration.toMillis(), TimeUnit.MILLISECONDS, executor));
    }
  };
}
