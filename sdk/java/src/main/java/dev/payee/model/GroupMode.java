package dev.payee.model;

import com.fasterxml.jackson.annotation.JsonEnumDefaultValue;
import com.fasterxml.jackson.annotation.JsonProperty;

/** How a group's members are paid. */
public enum GroupMode {
  /** Each member is its own payment, created in one call. */
  @JsonProperty("batch")
  BATCH,
  /** One provider order pays every member in one step (WeChat Pay combine transactions). */
  @JsonProperty("combined")
  COMBINED,
  /** A mode this version of the SDK does not know yet. */
  @JsonEnumDefaultValue
  UNKNOWN
}
