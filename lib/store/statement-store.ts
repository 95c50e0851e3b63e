/** The port for statement reconciliation reports: one report per pay config and provider day. */

export type DifferenceKind = 'missing_locally' | 'missing_at_provider' | 'amount_differs' | 'status_differs';

/** One payment on which the provider's statement and payee's table disagree, with both sides' values. */
export interface StatementDifference {
  kind: DifferenceKind;
  payNo: string;
  providerTradeNo?: string;
  /** What the statement says; absent for missing_at_provider. */
  provider?: { amount?: number; currency: string; status: string; refundedAmount: number; at: string };
  /** What payee's table says; absent for missing_locally. */
  local?: { amount: number; currency: string; status: string; refundedAmount: number; paidAt?: string };
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
