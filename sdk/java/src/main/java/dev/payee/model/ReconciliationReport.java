package dev.payee.model;

import java.util.List;

/**
 * One pay config's reconciliation of one day's provider statement.
 *
 * @param statementLines payments on the statement
 * @param localPayments  payments paid that day here
 * @param differences    every payment on which the statement and payee disagree
 */
public record ReconciliationReport(
    String payId,
    String channel,
    String day,
    String checkedAt,
    long statementLines,
    long localPayments,
    List<ReconciliationDifference> differences) {

  public ReconciliationReport {
    differences = differences == null ? List.of() : List.copyOf(differences);
  }
}
