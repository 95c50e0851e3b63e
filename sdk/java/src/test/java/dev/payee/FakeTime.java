package dev.payee;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/** A clock that moves only when the SDK sleeps, recording each sleep. */
final class FakeTime extends Clock implements Sleeper {
  private Instant now = Instant.parse("2026-11-24T00:00:00Z");
  private final List<Duration> sleeps = new ArrayList<>();

  synchronized List<Duration> sleeps() {
    return List.copyOf(sleeps);
  }

  @Override
  public synchronized void sleep(Duration duration) {
    sleeps.add(duration);
    now = now.plus(duration);
  }

  @Override
  public CompletableFuture<Void> delay(Duration duration, Executor executor) {
    sleep(duration);
    return CompletableFuture.runAsync(() -> {}, executor);
  }

  @Override
  public synchronized Instant instant() {
    return now;
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    throw new UnsupportedOperationException();
  }

  /** A client of this server whose waits pass on this clock, with jitter fixed at {@code random}. */
  PayeeClient client(ScriptedServer server, double random) {
    return PayeeClient.builder().baseUrl(server.baseUrl()).apiKey("pk_test").sleeper(this).clock(this)
        .random(() -> random).build();
  }
}
