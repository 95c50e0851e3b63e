package dev.payee.model;

import com.fasterxml.jackson.annotation.JsonEnumDefaultValue;
import com.fasterxml.jackson.annotation.JsonProperty;

/** What a sync learnt about one open refund. */
public record RefundSync(String refundNo, Outcome outcome) {
  public enum Outcome {
    @JsonProperty("succeeded")
    SUCCEEDED,
    @JsonProperty("failed")
    FAILED,
    @JsonProperty("processing")
    PROCESSING,
    /** Sent to the provider again (it had not answered). */
    @JsonProperty("resubmitted")
    RESUBMITTED,
    /** The provider did not answer this time. */
    @JsonProperty("unavailable")
    UNAVAILABLE,
    /** Already final before the sync. */
    @JsonProperty("settled")
    SETTLED,
    @JsonEnumDefaultValue
    UNKNOWN
  }
}
