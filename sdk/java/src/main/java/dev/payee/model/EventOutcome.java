package dev.payee.model;

import com.fasterxml.jackson.annotation.JsonEnumDefaultValue;
import com.fasterxml.jackson.annotation.JsonProperty;

/** Whether a provider event moved the payment. */
public enum EventOutcome {
  @JsonProperty("applied")
  APPLIED,
  @JsonProperty("ignored")
  IGNORED,
  /** An outcome this version of the SDK does not know yet. */
  @JsonEnumDefaultValue
  UNKNOWN
}
