package dev.payee.model;

import java.time.Instant;

/**
 * The body payee POSTs to a payment's notifyUrl, as returned by
 * {@link dev.payee.Webhooks#verifyNotification}.
 *
 * @param id   N + ULID, the same on every retry of this notification: deduplicate on it
 * @param type {@code payment.} and the payment's status in lower case
 * @param data the payment exactly as {@code GET /v1/payments/{payNo}} returned it then
 */
public record PaymentNotification(String id, String type, Instant createdAt, Payment data) implements VerifiedNotification {}
