/**
 * The daily ledger proof (issue 13): for one pay config and day, the flows the ledger posted for
 * that day's paid payments add up to what those payments were paid and to what the provider's
 * statement says of them. A payment whose lines posted another amount (a success applied without
 * its postings, a posting lost or doubled) is a difference of its own kind, `ledger_differs`.
 */
import type { FlowResource } from '../api/account-schema.ts';
import type { StatementLine } from '../channels/channel.ts';
import type { Payment } from '../domain/payment.ts';
import type { LedgerTotals, StatementDifference } from '../store/statement-store.ts';

/** Each payment's flows by payNo (lib/ledger/ledger-store.ts flowsOfPayments). */
export type FlowsOfPayments = (payNos: string[]) => Promise<Map<string, FlowResource[]>>;

/** Payments whose flows are read in one call. */
const BATCH = 100;

/** What a payment's lines posted: its post flows, or its posted ones when it was paid after it closed; refund reversals aside. */
export const postedByLines = (flows: FlowResource[]) =>
  flows.filter((f) => (f.kind === 'post' || f.kind === 'posted') && f.refundNo === undefined).reduce((sum, f) => sum + f.amount, 0);

/** Whether the payment's detail lines post to the ledger. */
export const postsToLedger = (p: Payment) => p.ledger === true && (p.details?.length ?? 0) > 0;

export async function ledgerProof(
  flowsOf: FlowsOfPayments,
  /** The day's paid payments that post to the ledger. */
  payments: Payment[],
  lines: StatementLine[],
  localSide: (p: Payment) => NonNullable<StatementDifference['local']>,
): Promise<{ totals: LedgerTotals; differences: StatementDifference[] }> {
  const onStatement = new Map<string, number>();
  for (const line of lines) onStatement.set(line.payNo, (onStatement.get(line.payNo) ?? 0) + (line.amount ?? 0));
  const totals: LedgerTotals = { payments: payments.length, paid: 0, posted: 0, statement: 0 };
  const differences: StatementDifference[] = [];
  for (let i = 0; i < payments.length; i += BATCH) {
    const batch = payments.slice(i, i + BATCH);
    const flows = await flowsOf(batch.map((p) => p.payNo));
    for (const p of batch) {
      const posted = postedByLines(flows.get(p.payNo) ?? []);
      totals.paid += p.amount;
      totals.posted += posted;
      totals.statement += onStatement.get(p.payNo) ?? 0;
      if (posted !== p.amount) differences.push({ kind: 'ledger_differs', payNo: p.payNo, providerTradeNo: p.providerTradeNo, local: localSide(p), ledger: { posted } });
    }
  }
  return { totals, differences };
}
