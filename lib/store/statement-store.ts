/** The port for statement reconciliation reports: one report per pay config and provider day. */

export type DifferenceKind = 'missing_locally' | 'missing_at_provider' | 'amount_differs' | 'status_differs' | 'ledger_differs';

/** One payment on which the provider's statement and payee's table disagree, with both sides' values. */
export interface StatementDifference {
  kind: DifferenceKind;
  payNo: string;
  providerTradeNo?: string;
  /** What the statement says; absent for missing_at_provider. */
  provider?: { amount?: number; currency: string; status: string; refundedAmount: number; at: string };
  /** What payee's table says; absent for missing_locally. */
  local?: { amount: number; currency: string; status: string; refundedAmount: number; paidAt?: string };
  /** ledger_differs: what the payment's detail lines posted. */
  ledger?: { posted: number };
}

/** The daily ledger proof of a config's day: its paid payments that post to the ledger, summed three ways. */
export interface LedgerTotals {
  payments: number;
  /** Their amounts. */
  paid: number;
  /** What their detail lines posted. */
  posted: number;
  /** What the statement says they were paid. */
  statement: number;
}

export interface StatementReport {
  payId: string;
  companyId: string;
  channel: string;
  /** yyyy-mm-dd, the provider's day. */
  day: string;
  checkedAt: string;
  /** Payments on the statement. */
  statementLines: number;
  /** Payments payee has as paid on that day for this config. */
  localPayments: number;
  differences: number;
  /** Present when some of the day's paid payments post to the ledger. */
  ledger?: LedgerTotals;
}

export interface StatementStore {
  /** Replaces the day's report of the config: differences of an earlier run that are gone are deleted. */
  replaceReport(report: StatementReport, differences: StatementDifference[]): Promise<void>;
  /** A company's reports of one day (of one config when payId is given), with their differences. */
  reportsOf(
    companyId: string,
    day: string,
    payId?: string,
  ): Promise<{ report: StatementReport; differences: StatementDifference[] }[]>;
}
