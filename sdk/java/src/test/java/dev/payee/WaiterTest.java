package dev.payee;

import static dev.payee.Fixtures.createParams;
import static dev.payee.Fixtures.payment;
import static dev.payee.Fixtures.refund;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.payee.exception.WaitFailedException;
import dev.payee.exception.WaitTimeoutException;
import dev.payee.model.CreateRefundParams;
import dev.payee.model.Payment;
import dev.payee.model.PaymentStatus;
import dev.payee.model.Refund;
import dev.payee.model.RefundStatus;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class WaiterTest {
  private static final WaitOptions WAIT = new WaitOptions(Duration.ofSeconds(60), Duration.ofSeconds(1), Duration.ofSeconds(8));

  private final ScriptedServer server;
  private final FakeTime time = new FakeTime();

  WaiterTest() throws IOException {
    server = new ScriptedServer();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private static long millis(Duration d) {
    return d.toMillis();
  }

  @Test
  void createAndWaitPollsWithGrowingDelaysUntilTheBuyerPaid() {
    server.reply(201, payment("P1", "PENDING")).reply(200, payment("P1", "PENDING"))
        .reply(200, payment("P1", "PENDING")).reply(200, payment("P1", "PENDING")).reply(200, payment("P1", "SUCCEEDED"));

    Payment paid = time.client(server, 1.0).payments().createAndWait(createParams(), WAIT);

    assertEquals(PaymentStatus.SUCCEEDED, paid.status());
    assertEquals(List.of("POST /live/v1/payments", "GET /live/v1/payments/P1", "GET /live/v1/payments/P1",
        "GET /live/v1/payments/P1", "GET /live/v1/payments/P1"),
        server.requests().stream().map(r -> r.method() + " " + r.path()).toList());
    // Jitter 1.0 takes each ceiling: minDelay doubling up to maxDelay.
    assertEquals(List.of(1000L, 2000L, 4000L, 8000L), time.sleeps().stream().map(WaiterTest::millis).toList());
  }

  @Test
  void jitterKeepsEachDelayBetweenMinDelayAndItsCeiling() {
    server.reply(201, payment("P1", "PENDING")).reply(200, payment("P1", "PENDING")).reply(200, payment("P1", "CLOSED"));

    time.client(server, 0.5).payments().createAndWait(createParams(), WAIT);

    assertEquals(List.of(1000L, 1500L), time.sleeps().stream().map(WaiterTest::millis).toList());
  }

  @Test
  void aPaymentFailedAtCreateIsReturnedWithoutPolling() {
    server.reply(201, payment("P1", "FAILED"));

    assertEquals(PaymentStatus.FAILED, time.client(server, 1.0).payments().createAndWait(createParams(), WAIT).status());
    assertEquals(1, server.requests().size());
  }

  @Test
  void timesOutAtMaxWaitWithTheLastPaymentAfterAPollAtTheDeadline() {
    for (int i = 0; i < 20; i++) server.reply(200, payment("P1", "PENDING"));
    WaitOptions wait = new WaitOptions(Duration.ofSeconds(10), Duration.ofSeconds(1), Duration.ofSeconds(4));

    WaitTimeoutException e = assertThrows(WaitTimeoutException.class,
        () -> time.client(server, 1.0).payments().waitFor("P1", Set.of(PaymentStatus.SUCCEEDED), wait));

    assertEquals("wait_timeout", e.code());
    assertEquals("P1", ((Payment) e.lastSeen()).payNo());
    // 1 + 2 + 4 + 3: the last sleep is cut to end at the deadline, where one last poll happens.
    assertEquals(List.of(1000L, 2000L, 4000L, 3000L), time.sleeps().stream().map(WaiterTest::millis).toList());
    assertEquals(5, server.requests().size());
  }

  @Test
  void waitForStopsAtAStatusThatCannotReachTheWantedOne() {
    server.reply(200, payment("P1", "PENDING")).reply(200, payment("P1", "CLOSED"));

    WaitFailedException e = assertThrows(WaitFailedException.class,
        () -> time.client(server, 1.0).payments().waitFor("P1", Set.of(PaymentStatus.SUCCEEDED), WAIT));

    assertEquals(PaymentStatus.CLOSED, ((Payment) e.lastSeen()).status());
    assertEquals(2, server.requests().size());
  }

  @Test
  void waitForReturnsAtOnceWhenTheStatusIsAlreadyWanted() {
    server.reply(200, payment("P1", "REFUNDED"));

    Payment payment = time.client(server, 1.0).payments().waitFor("P1", Set.of(PaymentStatus.REFUNDED), WAIT);

    assertEquals(PaymentStatus.REFUNDED, payment.status());
    assertEquals(List.of(), time.sleeps());
  }

  @Test
  void refundAndWaitFollowsAProcessingRefundInItsPaymentsList() {
    server.reply(201, refund("R2", "PROCESSING"))
        .reply(200, "{\"data\":[" + refund("R1", "SUCCEEDED") + "," + refund("R2", "PROCESSING") + "]}")
        .reply(200, "{\"data\":[" + refund("R1", "SUCCEEDED") + "," + refund("R2", "SUCCEEDED") + "]}");

    Refund refund = time.client(server, 1.0).payments().refundAndWait("P1", CreateRefundParams.of(500, "size exchange"), WAIT);

    assertEquals("R2", refund.refundNo());
    assertEquals(RefundStatus.SUCCEEDED, refund.status());
    assertEquals("{\"amount\":500,\"reason\":\"size exchange\"}", server.requests().get(0).body());
    assertEquals("/live/v1/payments/P1/refunds", server.requests().get(1).path());
  }

  @Test
  void theAsyncWaitersWaitAlike() {
    server.reply(201, payment("P1", "PENDING")).reply(200, payment("P1", "SUCCEEDED"))
        .reply(201, refund("R1", "PROCESSING")).reply(200, "{\"data\":[" + refund("R1", "FAILED") + "]}");
    PayeeClient client = time.client(server, 1.0);

    assertEquals(PaymentStatus.SUCCEEDED, client.payments().createAndWaitAsync(createParams(), WAIT).join().status());
    assertEquals(RefundStatus.FAILED, client.payments().refundAndWaitAsync("P1", CreateRefundParams.of(500), WAIT).join().status());
    assertEquals(List.of(1000L, 1000L), time.sleeps().stream().map(WaiterTest::millis).toList());
  }

  @Test
  void theAsyncTimeoutIsTheSameTypedException() {
    for (int i = 0; i < 10; i++) server.reply(200, payment("P1", "PENDING"));
    WaitOptions wait = new WaitOptions(Duration.ofSeconds(3), Duration.ofSeconds(1), Duration.ofSeconds(1));

    CompletionException e = assertThrows(CompletionException.class, () -> time.client(server, 1.0).payments()
        .waitForAsync("P1", Set.of(PaymentStatus.SUCCEEDED), wait).join());

    WaitTimeoutException timeout = assertInstanceOf(WaitTimeoutException.class, e.getCause());
    assertTrue(timeout.getMessage().contains("PENDING"), timeout.getMessage());
    assertEquals(4, server.requests().size());
  }

  @Test
  void aPollThatFailsIsThrownNotSwallowed() {
    server.reply(201, payment("P1", "PENDING")).reply(404, Fixtures.error("not_found", "resource_missing"));

    dev.payee.exception.NotFoundException e = assertThrows(dev.payee.exception.NotFoundException.class,
        () -> time.client(server, 1.0).payments().createAndWait(createParams(), WAIT));

    assertEquals(404, e.status());
  }
}
