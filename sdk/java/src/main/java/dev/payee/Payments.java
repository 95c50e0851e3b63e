package dev.payee;

import com.fasterxml.jackson.databind.JavaType;
import dev.payee.model.CreatePaymentParams;
import dev.payee.model.CreateRefundParams;
import dev.payee.model.ListPaymentsParams;
import dev.payee.model.Payment;
import dev.payee.model.PaymentEvent;
import dev.payee.model.PaymentStatus;
import dev.payee.model.Refund;
import dev.payee.model.RefundStatus;
import dev.payee.model.SyncResult;
import java.time.Instant;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * {@code /v1/payments}: create, read, list, close, sync, and the waiters that follow a payment
 * or a refund to its outcome. Every method has a blocking form and a {@code …Async} form
 * returning a {@link CompletableFuture}; each takes optional {@link RequestOptions}.
 */
public final class Payments {
  private static final JavaType PAYMENT = Types.of(Payment.class);
  private static final JavaType PAYMENT_LIST = Types.listOf(Payment.class);
  private static final JavaType EVENT_LIST = Types.listOf(PaymentEvent.class);
  private static final JavaType SYNC_RESULT = Types.of(SyncResult.class);
  /** What createAndWait waits for: the buyer paid, or can no longer pay. */
  private static final Set<PaymentStatus> FINAL = EnumSet.of(PaymentStatus.SUCCEEDED, PaymentStatus.PARTIALLY_REFUNDED,
      PaymentStatus.REFUNDED, PaymentStatus.CLOSED, PaymentStatus.FAILED);

  private final Requester requester;
  private final Refunds refunds;
  private final Waiter waiter;

  Payments(Requester requester, Refunds refunds, Waiter waiter) {
    this.requester = requester;
    this.refunds = refunds;
    this.waiter = waiter;
  }

  /**
   * Creates a payment: PENDING with the {@code action} to show the buyer, or FAILED with the
   * provider's reason. Retried safely: every attempt carries one Idempotency-Key (yours, from
   * {@link RequestOptions#idempotencyKey(String)}, or one made for this call).
   */
  public Payment create(CreatePaymentParams params) {
    return create(params, RequestOptions.NONE);
  }

  public Payment create(CreatePaymentParams params, RequestOptions options) {
    return requester.send(createCall(params, options), PAYMENT);
  }

  public CompletableFuture<Payment> createAsync(CreatePaymentParams params) {
    return createAsync(params, RequestOptions.NONE);
  }

  public CompletableFuture<Payment> createAsync(CreatePaymentParams params, RequestOptions options) {
    return requester.sendAsync(createCall(params, options), PAYMENT);
  }

  public Payment get(String payNo) {
    return get(payNo, RequestOptions.NONE);
  }

  public Payment get(String payNo, RequestOptions options) {
    return requester.send(requester.call("GET", path(payNo), null, null, options), PAYMENT);
  }

  public CompletableFuture<Payment> getAsync(String payNo) {
    return getAsync(payNo, RequestOptions.NONE);
  }

  public CompletableFuture<Payment> getAsync(String payNo, RequestOptions options) {
    return requester.sendAsync(requester.call("GET", path(payNo), null, null, options), PAYMENT);
  }

  /** The payment of your order number, if there is one. */
  public Optional<Payment> findByOutTradeNo(String outTradeNo) {
    return findByOutTradeNo(outTradeNo, null, RequestOptions.NONE);
  }

  /** The payment of an order number of yours, or of a descendant company ({@code companyId}, nullable). */
  public Optional<Payment> findByOutTradeNo(String outTradeNo, String companyId, RequestOptions options) {
    ListBody<Payment> body = requester.send(findCall(outTradeNo, companyId, options), PAYMENT_LIST);
    return body.data().stream().findFirst();
  }

  public CompletableFuture<Optional<Payment>> findByOutTradeNoAsync(String outTradeNo) {
    return findByOutTradeNoAsync(outTradeNo, null, RequestOptions.NONE);
  }

  public CompletableFuture<Optional<Payment>> findByOutTradeNoAsync(String outTradeNo, String companyId, RequestOptions options) {
    return requester.<ListBody<Payment>>sendAsync(findCall(outTradeNo, companyId, options), PAYMENT_LIST)
        .thenApply(body -> body.data().stream().findFirst());
  }

  /**
   * One page of payments, newest first. Walk every page with
   * {@link Page#autoPagingIterable()} or {@link Page#autoPagingStream()}.
   */
  public Page<Payment> list(ListPaymentsParams params) {
    return list(params, RequestOptions.NONE);
  }

  public Page<Payment> list(ListPaymentsParams params, RequestOptions options) {
    return page(params, options, requester.send(listCall(params, options), PAYMENT_LIST));
  }

  public CompletableFuture<Page<Payment>> listAsync(ListPaymentsParams params) {
    return listAsync(params, RequestOptions.NONE);
  }

  public CompletableFuture<Page<Payment>> listAsync(ListPaymentsParams params, RequestOptions options) {
    return requester.<ListBody<Payment>>sendAsync(listCall(params, options), PAYMENT_LIST)
        .thenApply(body -> page(params, options, body));
  }

  /** The payment's audit trail: every provider event payee accepted for it, oldest first. */
  public List<PaymentEvent> events(String payNo) {
    return events(payNo, RequestOptions.NONE);
  }

  public List<PaymentEvent> events(String payNo, RequestOptions options) {
    return requester.<ListBody<PaymentEvent>>send(requester.call("GET", path(payNo) + "/events", null, null, options), EVENT_LIST).data();
  }

  public CompletableFuture<List<PaymentEvent>> eventsAsync(String payNo) {
    return eventsAsync(payNo, RequestOptions.NONE);
  }

  public CompletableFuture<List<PaymentEvent>> eventsAsync(String payNo, RequestOptions options) {
    return requester.<ListBody<PaymentEvent>>sendAsync(requester.call("GET", path(payNo) + "/events", null, null, options), EVENT_LIST)
        .thenApply(ListBody::data);
  }

  /** Closes an unpaid payment, at the provider first: CLOSED, or SUCCEEDED if the buyer paid meanwhile. */
  public Payment close(String payNo) {
    return close(payNo, RequestOptions.NONE);
  }

  public Payment close(String payNo, RequestOptions options) {
    return requester.send(requester.call("POST", path(payNo) + "/close", null, null, options), PAYMENT);
  }

  public CompletableFuture<Payment> closeAsync(String payNo) {
    return closeAsync(payNo, RequestOptions.NONE);
  }

  public CompletableFuture<Payment> closeAsync(String payNo, RequestOptions options) {
    return requester.sendAsync(requester.call("POST", path(payNo) + "/close", null, null, options), PAYMENT);
  }

  /** Asks the provider about the payment now; its answer is applied asynchronously, like a callback. */
  public SyncResult sync(String payNo) {
    return sync(payNo, RequestOptions.NONE);
  }

  public SyncResult sync(String payNo, RequestOptions options) {
    return requester.send(requester.call("POST", path(payNo) + "/sync", null, null, options), SYNC_RESULT);
  }

  public CompletableFuture<SyncResult> syncAsync(String payNo) {
    return syncAsync(payNo, RequestOptions.NONE);
  }

  public CompletableFuture<SyncResult> syncAsync(String payNo, RequestOptions options) {
    return requester.sendAsync(requester.call("POST", path(payNo) + "/sync", null, null, options), SYNC_RESULT);
  }

  /**
   * Creates a payment, then follows it until the buyer paid or can no longer pay (SUCCEEDED,
   * CLOSED, FAILED, or refunded already) and returns it in that status. A payment FAILED at
   * create is returned at once.
   *
   * @throws dev.payee.exception.WaitTimeoutException when {@code wait.maxWait()} (create
   *     included) runs out first; the payment is still payable, and its last state is attached
   */
  public Payment createAndWait(CreatePaymentParams params, WaitOptions wait) {
    return createAndWait(params, FINAL, RequestOptions.NONE, wait);
  }

  public Payment createAndWait(CreatePaymentParams params, RequestOptions options, WaitOptions wait) {
    return createAndWait(params, FINAL, options, wait);
  }

  /**
   * Creates a payment, then follows it until its status is one of {@code statuses}.
   *
   * @throws dev.payee.exception.WaitFailedException when it reaches CLOSED, FAILED or REFUNDED
   *     and that is not wanted
   * @throws dev.payee.exception.WaitTimeoutException when {@code wait.maxWait()} (create
   *     included) runs out first
   */
  public Payment createAndWait(CreatePaymentParams params, Set<PaymentStatus> statuses, RequestOptions options,
                               WaitOptions wait) {
    Waiter.Rule<Payment> rule = paymentRule(statuses);
    Instant start = waiter.start();
    Payment created = create(params, options);
    return waiter.await(start, wait, created, () -> get(created.payNo(), options), rule);
  }

  public CompletableFuture<Payment> createAndWaitAsync(CreatePaymentParams params, WaitOptions wait) {
    return createAndWaitAsync(params, FINAL, RequestOptions.NONE, wait);
  }

  public CompletableFuture<Payment> createAndWaitAsync(CreatePaymentParams params, RequestOptions options, WaitOptions wait) {
    return createAndWaitAsync(params, FINAL, options, wait);
  }

  public CompletableFuture<Payment> createAndWaitAsync(CreatePaymentParams params, Set<PaymentStatus> statuses,
                                                       RequestOptions options, WaitOptions wait) {
    Waiter.Rule<Payment> rule = paymentRule(statuses);
    Instant start = waiter.start();
    return createAsync(params, options).thenCompose(created ->
        waiter.awaitAsync(start, wait, created, () -> getAsync(created.payNo(), options), rule));
  }

  /**
   * Follows a payment until its status is one of {@code statuses}, and returns it.
   *
   * @throws dev.payee.exception.WaitFailedException when it reaches CLOSED, FAILED or REFUNDED
   *     and that is not wanted (it cannot move on from there)
   * @throws dev.payee.exception.WaitTimeoutException when {@code wait.maxWait()} runs out first
   */
  public Payment waitFor(String payNo, Set<PaymentStatus> statuses, WaitOptions wait) {
    Waiter.Rule<Payment> rule = paymentRule(statuses);
    Instant start = waiter.start();
    return waiter.await(start, wait, get(payNo), () -> get(payNo), rule);
  }

  public CompletableFuture<Payment> waitForAsync(String payNo, Set<PaymentStatus> statuses, WaitOptions wait) {
    Waiter.Rule<Payment> rule = paymentRule(statuses);
    Instant start = waiter.start();
    return getAsync(payNo).thenCompose(first -> waiter.awaitAsync(start, wait, first, () -> getAsync(payNo), rule));
  }

  /**
   * Refunds part or all of a payment, then follows the refund until it SUCCEEDED or FAILED
   * (a provider may accept a refund as PROCESSING and settle it later), and returns it.
   *
   * @throws dev.payee.exception.WaitTimeoutException when {@code wait.maxWait()} runs out first
   */
  public Refund refundAndWait(String payNo, CreateRefundParams params, WaitOptions wait) {
    return refundAndWait(payNo, params, RequestOptions.NONE, wait);
  }

  public Refund refundAndWait(String payNo, CreateRefundParams params, RequestOptions options, WaitOptions wait) {
    Instant start = waiter.start();
    Refund created = refunds.create(payNo, params, options);
    return waiter.await(start, wait, created, () -> refunds.find(payNo, created.refundNo(), options), REFUND_RULE);
  }

  public CompletableFuture<Refund> refundAndWaitAsync(String payNo, CreateRefundParams params, WaitOptions wait) {
    return refundAndWaitAsync(payNo, params, RequestOptions.NONE, wait);
  }

  public CompletableFuture<Refund> refundAndWaitAsync(String payNo, CreateRefundParams params, RequestOptions options, WaitOptions wait) {
    Instant start = waiter.start();
    return refunds.createAsync(payNo, params, options).thenCompose(created ->
        waiter.awaitAsync(start, wait, created, () -> refunds.findAsync(payNo, created.refundNo(), options), REFUND_RULE));
  }

  private static Waiter.Rule<Payment> paymentRule(Set<PaymentStatus> wanted) {
    Set<PaymentStatus> statuses = Set.copyOf(wanted);
    if (statuses.isEmpty()) throw new IllegalArgumentException("no status to wait for");
    return new Waiter.Rule<>() {
      @Override
      public boolean done(Payment payment) {
        return statuses.contains(payment.status());
      }

      @Override
      public boolean hopeless(Payment payment) {
        return payment.status().isTerminal();
      }

      @Override
      public String status(Payment payment) {
        return payment.status().name();
      }
    };
  }

  private static final Waiter.Rule<Refund> REFUND_RULE = new Waiter.Rule<>() {
    @Override
    public boolean done(Refund refund) {
      return refund.status().isFinal();
    }

    @Override
    public boolean hopeless(Refund refund) {
      return false;
    }

    @Override
    public String status(Refund refund) {
      return refund.status().name();
    }
  };

  private Requester.Call createCall(CreatePaymentParams params, RequestOptions options) {
    return requester.call("POST", "/v1/payments", null, params, options);
  }

  private Requester.Call findCall(String outTradeNo, String companyId, RequestOptions options) {
    Map<String, String> query = new LinkedHashMap<>();
    query.put("outTradeNo", required(outTradeNo, "outTradeNo"));
    query.put("companyId", companyId);
    return requester.call("GET", "/v1/payments", query, null, options);
  }

  private Requester.Call listCall(ListPaymentsParams params, RequestOptions options) {
    Map<String, String> query = new LinkedHashMap<>();
    query.put("companyId", params.companyId());
    query.put("limit", params.limit() == null ? null : params.limit().toString());
    query.put("cursor", params.cursor());
    query.put("createdFrom", params.createdFrom() == null ? null : params.createdFrom().toString());
    query.put("createdTo", params.createdTo() == null ? null : params.createdTo().toString());
    return requester.call("GET", "/v1/payments", query, null, options);
  }

  private Page<Payment> page(ListPaymentsParams params, RequestOptions options, ListBody<Payment> body) {
    return new Page<>(body.data(), body.nextCursor(),
        cursor -> list(params.withCursor(cursor), options),
        cursor -> listAsync(params.withCursor(cursor), options));
  }

  static String path(String payNo) {
    return "/v1/payments/" + Requester.encode(required(payNo, "payNo"));
  }

  static String required(String value, String name) {
    if (value == null || value.isEmpty()) throw new IllegalArgumentException(name + " is required");
    return value;
  }
}
