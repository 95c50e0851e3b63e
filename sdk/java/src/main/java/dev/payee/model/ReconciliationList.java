package dev.payee.model;

import java.util.List;

/**
 * A day's statement reconciliation reports: one per pay config reconciled that day, none
 * before the job has run.
 */
public record ReconciliationList(String day, List<ReconciliationReport> data) {
  public ReconciliationList {
    data = data == null ? List.of() : List.copyOf(data);
  }
}
