package dev.payee.model;

import com.fasterxml.jackson.annotation.JsonEnumDefaultValue;
import com.fasterxml.jackson.annotation.JsonProperty;

/** A group's status, derived from its members. */
public enum GroupStatus {
  /** No member settled yet. */
  @JsonProperty("open")
  OPEN,
  /** Every member paid. */
  @JsonProperty("paid")
  PAID,
  /** Some members paid, the rest still open. */
  @JsonProperty("partially_paid")
  PARTIALLY_PAID,
  /** Every member closed or failed. */
  @JsonProperty("closed")
  CLOSED,
  /** Anything else, e.g. some paid and some closed. */
  @JsonProperty("mixed")
  MIXED,
  /** A status this version of the SDK does not know yet. */
  @JsonEnumDefaultValue
  UNKNOWN
}
