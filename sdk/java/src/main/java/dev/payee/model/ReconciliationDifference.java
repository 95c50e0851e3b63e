package dev.payee.model;

import com.fasterxml.jackson.annotation.JsonEnumDefaultValue;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A payment on which the provider's statement and payee disagree.
 *
 * @param provider the statement's view (null when missing at the provider)
 * @param local    payee's view (null when missing locally)
 * @param ledger   what the payment's detail lines posted (ledger_differs only)
 */
public record ReconciliationDifference(
    Kind kind, String payNo, String providerTradeNo, StatementView provider, LocalView local, LedgerView ledger) {

  public enum Kind {
    /** Paid at the provider, unknown here. */
    @JsonProperty("missing_locally")
    MISSING_LOCALLY,
    /** Paid here, not on the statement. */
    @JsonProperty("missing_at_provider")
    MISSING_AT_PROVIDER,
    @JsonProperty("amount_differs")
    AMOUNT_DIFFERS,
    @JsonProperty("status_differs")
    STATUS_DIFFERS,
    /** The payment's detail lines posted another amount to the ledger than it was paid. */
    @JsonProperty("ledger_differs")
    LEDGER_DIFFERS,
    @JsonEnumDefaultValue
    UNKNOWN
  }

  /** The statement's view: SUCCEEDED or REFUNDED, minor units. */
  public record StatementView(Long amount, String currency, String status, long refundedAmount, String at) {}

  /** payee's view of the payment. */
  public record LocalView(long amount, String currency, String status, long refundedAmount, String paidAt) {}

  /** What the payment's detail lines posted to the ledger, minor units. */
  public record LedgerView(long posted) {}
}
