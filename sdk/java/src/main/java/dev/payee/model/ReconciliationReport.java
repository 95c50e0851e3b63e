package dev.payee.model;

import java.util.List;

/**
 * One pay config's reconciliation of one day's provider statement.
 *
 * @param statementLines payments on the statement
 * @param localPayments  payments paid that day here
 * @param differences    every payment on which the statement and payee disagree
 * @param ledger         the daily ledger proof (null when no payment of the day posts to the ledger)
 */
public record ReconciliationReport(
    String payId,
    String channel,
    String day,
    String checkedAt,
    long statementLines,
    long localPayments,
    List<ReconciliationDifference> differences,
    LedgerProof ledger) {

  public ReconciliationReport {
    differences = differences == null ? List.of() : List.copyOf(differences);
  }

  /**
   * The daily ledger proof: the day's paid payments that post to the ledger, their amounts, what
   * their detail lines posted and what the statement says they were paid (minor units).
   */
  public record LedgerProof(long payments, long paid, long posted, long statement) {}
}
