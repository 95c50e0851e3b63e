package dev.payee.model;

import com.fasterxml.jackson.annotation.JsonEnumDefaultValue;
import com.fasterxml.jackson.annotation.JsonProperty;

/** What a daily report's rows are per, besides the day. */
public enum ReportDimension {
  @JsonProperty("channel")
  CHANNEL,
  @JsonProperty("method")
  METHOD,
  @JsonProperty("payId")
  PAY_ID,
  @JsonProperty("currency")
  CURRENCY,
  /** A dimension this version of the SDK does not know yet. */
  @JsonEnumDefaultValue
  UNKNOWN
}
