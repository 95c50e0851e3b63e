package dev.payee.model;

import com.fasterxml.jackson.annotation.JsonEnumDefaultValue;
import com.fasterxml.jackson.annotation.JsonProperty;

/** Which way a ledger account's balance grows. */
public enum AccountType {
  /** Money payee holds (a provider clearing account): grows with debits. */
  @JsonProperty("asset")
  ASSET,
  /** What payee owes the account's holder (a wallet): grows with credits. */
  @JsonProperty("liability")
  LIABILITY,
  /** A type this version of the SDK does not know yet. */
  @JsonEnumDefaultValue
  UNKNOWN
}
