package dev.payee.model;

import com.fasterxml.jackson.annotation.JsonEnumDefaultValue;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;

/**
 * One account's side of a double-entry flow from {@code accountOut} to {@code accountRec}.
 *
 * @param flowId        the same posting (a payment line and its step, a refund line) always has the same id
 * @param line          the payment's detail line, from 0
 * @param pendingFlowId the pending flow a post or void resolves, or null
 */
public record Flow(
    String flowId,
    Kind kind,
    Direction direction,
    long amount,
    String currency,
    String accountOut,
    String accountRec,
    String payNo,
    String refundNo,
    int line,
    String pendingFlowId,
    String memo,
    Instant at) {

  /** The flow's step. */
  public enum Kind {
    /** Held at create. */
    @JsonProperty("pending")
    PENDING,
    /** Its payment succeeded. */
    @JsonProperty("post")
    POST,
    /** Its payment closed. */
    @JsonProperty("void")
    VOID,
    /** Moved at once: a balance.transfer, a payment paid after it closed, a refund reversal. */
    @JsonProperty("posted")
    POSTED,
    @JsonEnumDefaultValue
    UNKNOWN
  }

  /** The account's side of the flow. */
  public enum Direction {
    @JsonProperty("debit")
    DEBIT,
    @JsonProperty("credit")
    CREDIT,
    @JsonEnumDefaultValue
    UNKNOWN
  }
}
