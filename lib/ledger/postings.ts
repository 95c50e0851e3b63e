/**
 * What a payment's change posts to the ledger (issue 13), as pure data: driven by provider truth,
 * one posting per detail line and step, each with a deterministic id.
 * - created: a pending flow per line (held from accountOut's available balance, checked against its
 *   overdraft rule);
 * - open → SUCCEEDED: a post flow resolving each pending one;
 * - open → CLOSED / FAILED / REFUNDED: a void flow resolving each pending one;
 * - CLOSED → SUCCEEDED (paid after it closed): a posted flow per line (the pending ones were voided);
 * - refunds (refundedAmount grows): posted reversing flows, accountRec back to accountOut, filling
 *   the lines in order.
 * A pending flow resolves at most once because each resolution is written in the same transaction
 * as the payment's conditional move out of CREATED/PENDING, which happens once.
 */
import type { DetailLine } from '../api/details-schema.ts';
import type { Payment } from '../domain/payment.ts';
import { isOpen } from '../domain/payment.ts';
import type { FLOW_KINDS } from '../api/account-schema.ts';

export type FlowKind = (typeof FLOW_KINDS)[number];

export interface Posting {
  flowId: string;
  kind: FlowKind;
  accountOut: string;
  accountRec: string;
  amount: number;
  currency: string;
  payNo: string;
  refundNo?: string;
  line: number;
  pendingFlowId?: string;
  memo?: string;
  /** Whether accountOut's overdraft rule is checked (holds at create); provider facts are never refused. */
  checked: boolean;
  at: string;
}

const PAID = new Set(['SUCCEEDED', 'PARTIALLY_REFUNDED', 'REFUNDED']);
const lineNo = (i: number) => String(i).padStart(2, '0');
export const pendingFlowId = (payNo: string, i: number) => `${payNo}.${lineNo(i)}.pending`;

/** The postings of a payment's move from `before` (undefined: its insert) to `after`. */
export function postingsFor(before: Payment | undefined, after: Payment, refundNo?: string): Posting[] {
  if (!after.ledger || !after.details) return [];
  const lines = after.details;
  const base = (i: number, l: DetailLine) => ({
    accountOut: l.accountOut,
    accountRec: l.accountRec,
    amount: l.amount,
    currency: after.currency,
    payNo: after.payNo,
    line: i,
    ...(l.memo !== undefined ? { memo: l.memo } : {}),
    checked: false,
    at: after.updatedAt,
  });
  if (!before) return lines.map((l, i) => ({ ...base(i, l), flowId: pendingFlowId(after.payNo, i), kind: 'pending', checked: true }));
  if (isOpen(before.status) && !isOpen(after.status)) {
    const kind = after.status === 'SUCCEEDED' ? 'post' : 'void';
    const resolved = lines.map((l, i): Posting => ({ ...base(i, l), flowId: `${after.payNo}.${lineNo(i)}.${kind}`, kind, pendingFlowId: pendingFlowId(after.payNo, i) }));
    // A provider that reports a payment refunded before payee saw it paid: the money came and went.
    return after.status === 'REFUNDED' ? resolved.map((p) => ({ ...p, kind: 'void', flowId: `${after.payNo}.${lineNo(p.line)}.void` })) : resolved;
  }
  if (!PAID.has(before.status) && PAID.has(after.status)) {
    return lines.map((l, i) => ({ ...base(i, l), flowId: `${after.payNo}.${lineNo(i)}.late`, kind: 'posted' }));
  }
  const from = before.refundedAmount ?? 0;
  const to = after.refundedAmount ?? 0;
  if (to > from && PAID.has(before.status)) return reversals(after, from, to, refundNo ?? `${after.payNo}.refunded`);
  return [];
}

/** Reversing flows for the refunded minor units from `from` to `to`, filling the lines in order. */
function reversals(payment: Payment, from: number, to: number, refundNo: string): Posting[] {
  const postings: Posting[] = [];
  let start = 0;
  payment.details!.forEach((l, i) => {
    const end = start + l.amount;
    const amount = Math.min(end, to) - Math.max(start, from);
    if (amount > 0) {
      postings.push({
        flowId: `${refundNo}.${lineNo(i)}`,
        kind: 'posted',
        accountOut: l.accountRec,
        accountRec: l.accountOut,
        amount,
        currency: payment.currency,
        payNo: payment.payNo,
        refundNo,
        line: i,
        checked: false,
        at: payment.updatedAt,
      });
    }
    start = end;
  });
  return postings;
}
