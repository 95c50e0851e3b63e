package dev.payee.model;

import com.fasterxml.jackson.annotation.JsonEnumDefaultValue;
import java.time.Instant;
import java.util.List;

/**
 * A notification of a payment to its notifyUrl, and every attempt to deliver it.
 *
 * @param notificationId N + ULID; also the {@code id} of the body sent
 * @param type           payment.succeeded, payment.closed, payment.partially_refunded, ...
 * @param url            the notifyUrl it is sent to
 */
public record Notification(
    String notificationId,
    String payNo,
    String type,
    String url,
    Status status,
    List<NotificationAttempt> attempts,
    Instant nextAttemptAt,
    Instant createdAt,
    Instant updatedAt) {

  public Notification {
    attempts = attempts == null ? List.of() : List.copyOf(attempts);
  }

  public enum Status {
    /** Not yet answered with 2xx; retried on the schedule. */
    PENDING,
    DELIVERED,
    /** The schedule (about 24 h) ran out. */
    FAILED,
    @JsonEnumDefaultValue
    UNKNOWN
  }
}
