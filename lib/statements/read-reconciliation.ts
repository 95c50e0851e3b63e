/** A company's reconciliation reports of one day: only its own configs' (the store's index is per company). */
import type { ReconciliationList } from '../api/reconciliation-schema.ts';
import type { StatementStore } from '../store/statement-store.ts';

export async function readReconciliation(reports: StatementStore, companyId: string, query: { day: string; payId?: string }): Promise<ReconciliationList> {
  const found = await reports.reportsOf(companyId, query.day, query.payId);
  return {
    day: query.day,
    data: found
      .map(({ report, differences }) => ({
        payId: report.payId,
        channel: report.channel,
        day: report.day,
        checkedAt: report.checkedAt,
        statementLines: report.statementLines,
        localPayments: report.localPayments,
        ...(report.ledger ? { ledger: report.ledger } : {}),
        differences: differences
          .map(({ kind, payNo, providerTradeNo, provider, local, ledger }) => ({ kind, payNo, providerTradeNo, provider, local, ...(ledger ? { ledger } : {}) }))
          .sort((a, b) => a.payNo.localeCompare(b.payNo) || a.kind.localeCompare(b.kind)),
      }))
      .sort((a, b) => a.payId.localeCompare(b.payId)),
  };
}
