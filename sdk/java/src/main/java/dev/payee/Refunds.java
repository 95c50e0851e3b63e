package dev.payee;

import com.fasterxml.jackson.databind.JavaType;
import dev.payee.exception.ApiException;
import dev.payee.exception.ErrorInfo;
import dev.payee.model.CreateRefundParams;
import dev.payee.model.Refund;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * {@code /v1/payments/{payNo}/refunds}. To refund and follow the refund to its outcome, see
 * {@link Payments#refundAndWait}.
 */
public final class Refunds {
  private static final JavaType REFUND = Types.of(Refund.class);
  private static final JavaType REFUND_LIST = Types.listOf(Refund.class);

  private final Requester requester;

  Refunds(Requester requester) {
    this.requester = requester;
  }

  /**
   * Refunds part or all of a SUCCEEDED or PARTIALLY_REFUNDED payment: SUCCEEDED, PROCESSING
   * (outcome later) or FAILED. Retried with one Idempotency-Key, which also resumes a refund the
   * provider did not answer.
   */
  public Refund create(String payNo, CreateRefundParams params) {
    return create(payNo, params, RequestOptions.NONE);
  }

  public Refund create(String payNo, CreateRefundParams params, RequestOptions options) {
    return requester.send(createCall(payNo, params, options), REFUND);
  }

  public CompletableFuture<Refund> createAsync(String payNo, CreateRefundParams params) {
    return createAsync(payNo, params, RequestOptions.NONE);
  }

  public CompletableFuture<Refund> createAsync(String payNo, CreateRefundParams params, RequestOptions options) {
    return requester.sendAsync(createCall(payNo, params, options), REFUND);
  }

  /** The payment's refunds, oldest first. */
  public List<Refund> list(String payNo) {
    return list(payNo, RequestOptions.NONE);
  }

  public List<Refund> list(String payNo, RequestOptions options) {
    return requester.<ListBody<Refund>>send(listCall(payNo, options), REFUND_LIST).data();
  }

  public CompletableFuture<List<Refund>> listAsync(String payNo) {
    return listAsync(payNo, RequestOptions.NONE);
  }

  public CompletableFuture<List<Refund>> listAsync(String payNo, RequestOptions options) {
    return requester.<ListBody<Refund>>sendAsync(listCall(payNo, options), REFUND_LIST).thenApply(ListBody::data);
  }

  Refund find(String payNo, String refundNo, RequestOptions options) {
    return pick(list(payNo, options), refundNo);
  }

  CompletableFuture<Refund> findAsync(String payNo, String refundNo, RequestOptions options) {
    return listAsync(payNo, options).thenApply(refunds -> pick(refunds, refundNo));
  }

  private static Refund pick(List<Refund> refunds, String refundNo) {
    return refunds.stream().filter(refund -> refund.refundNo().equals(refundNo)).findFirst()
        .orElseThrow(() -> new ApiException(ErrorInfo.local("refund_missing", "refund " + refundNo + " is not in its payment's refunds")));
  }

  private Requester.Call createCall(String payNo, CreateRefundParams params, RequestOptions options) {
    return requester.call("POST", Payments.path(payNo) + "/refunds", null, params, options);
  }

  private Requester.Call listCall(String payNo, RequestOptions options) {
    return requester.call("GET", Payments.path(payNo) + "/refunds", null, null, options);
  }
}
