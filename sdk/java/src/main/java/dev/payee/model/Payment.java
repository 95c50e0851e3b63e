package dev.payee.model;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A payment as payee keeps it. Amounts are integer minor units of {@link #currency()}
 * (1999 = 19.99 CNY). Optional fields are null when absent.
 *
 * @param payNo            payee's number (P and 26 letters and digits, one per outTradeNo), the order number the provider sees
 * @param method           how the buyer pays, e.g. {@code alipay.qr}
 * @param amount           what the buyer pays
 * @param orderAmount      what the order is worth before discounts
 * @param refundableAmount what can still be refunded
 * @param action           what to show the buyer of a PENDING payment
 * @param failure          the provider's refusal of a FAILED payment
 * @param details          the detail lines given at create (empty without)
 * @param paidAt           when the buyer paid
 */
public record Payment(
    String payNo,
    PaymentStatus status,
    String method,
    String channel,
    String payId,
    String outTradeNo,
    String subject,
    long amount,
    long orderAmount,
    String currency,
    long refundableAmount,
    PaymentAction action,
    String providerTradeNo,
    Failure failure,
    String notifyUrl,
    String returnUrl,
    Map<String, String> metadata,
    List<DetailLine> details,
    Instant expiresAt,
    Instant createdAt,
    Instant updatedAt,
    Instant paidAt) {

  public Payment {
    metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
    details = details == null ? List.of() : List.copyOf(details);
  }
}
