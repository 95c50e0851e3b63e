package dev.payee.model;

import java.time.Instant;

/**
 * A refund of part or all of a payment; amounts in minor units of the payment's currency.
 *
 * @param refundNo payee's number (R + ULID), the provider's refund request number
 */
public record Refund(
    String refundNo,
    String payNo,
    RefundStatus status,
    long amount,
    String currency,
    String reason,
    String providerRefundNo,
    Failure failure,
    Instant createdAt,
    Instant updatedAt) {}
