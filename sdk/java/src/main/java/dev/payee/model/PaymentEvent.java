package dev.payee.model;

import java.time.Instant;

/**
 * One provider event payee accepted for a payment (a verified callback, a sync or reconciler
 * answer, an expiry), and whether it moved the payment.
 *
 * @param eventId        deterministic per provider notification: a retried one keeps it
 * @param providerStatus the provider's own word, e.g. TRADE_SUCCESS
 * @param status         what the provider says the payment is
 * @param outcome        whether the event moved the payment
 * @param toStatus       where it moved the payment, when applied
 * @param reason         why an ignored event did not move it
 */
public record PaymentEvent(
    String eventId,
    String channel,
    String providerStatus,
    PaymentStatus status,
    EventOutcome outcome,
    PaymentStatus fromStatus,
    PaymentStatus toStatus,
    String reason,
    long amount,
    String currency,
    String providerTradeNo,
    Instant paidAt,
    Instant notifiedAt,
    Instant recordedAt) {}
