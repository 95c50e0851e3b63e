package dev.payee.model;

import java.time.Instant;

/**
 * A notification {@link dev.payee.Webhooks#verifyNotification} verified: a {@link GroupNotification}
 * when its type starts with {@code group.}, a {@link PaymentNotification} otherwise. Tell them
 * apart with {@code instanceof} (or a {@code switch} over the sealed types on Java 21).
 */
public sealed interface VerifiedNotification permits PaymentNotification, GroupNotification {
  /** N + ULID, the same on every retry of this notification: deduplicate on it. */
  String id();

  String type();

  Instant createdAt();
}
