package dev.payee.model;

import com.fasterxml.jackson.annotation.JsonEnumDefaultValue;

/** Where a payment is in its life. */
public enum PaymentStatus {
  CREATED,
  /** Waiting for the buyer: show {@link Payment#action()}. */
  PENDING,
  SUCCEEDED,
  PARTIALLY_REFUNDED,
  REFUNDED,
  CLOSED,
  FAILED,
  /** A status this version of the SDK does not know yet (the API added one). */
  @JsonEnumDefaultValue
  UNKNOWN;

  /** True once the buyer can no longer pay: every status but CREATED, PENDING and UNKNOWN. */
  public boolean isFinal() {
    return this != CREATED && this != PENDING && this != UNKNOWN;
  }

  /** True when no further change can come: CLOSED, FAILED, REFUNDED. */
  public boolean isTerminal() {
    return this == CLOSED || this == FAILED || this == REFUNDED;
  }
}
