package dev.payee.model;

import com.fasterxml.jackson.annotation.JsonEnumDefaultValue;

/** Where a refund is. */
public enum RefundStatus {
  /** The provider did not answer: retry the create with the same Idempotency-Key. */
  PENDING,
  /** Accepted by the provider; the outcome comes later. */
  PROCESSING,
  SUCCEEDED,
  /** Refused; the amount is refundable again. */
  FAILED,
  /** A status this version of the SDK does not know yet. */
  @JsonEnumDefaultValue
  UNKNOWN;

  public boolean isFinal() {
    return this == SUCCEEDED || this == FAILED;
  }
}
