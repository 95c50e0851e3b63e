/**
 * The daily counters reports read (issue 14, ARCHITECTURE.md §4 and §10), folded from the table's
 * stream by the events relay, not written by the payment path: no payment transaction touches a
 * counter item, so counters can never make one conflict or retry. A stream record says what
 * changed (a payment inserted, its status or refunded amount moved, a callback applied); this
 * module turns records into additions, pure, and sums them per counter item over a window
 * (lib/reports/counter-window.ts); lib/store/dynamodb/counter-store.ts writes a window's sums.
 *
 * An item is one company, China day, shard and figure × channel × method × payId × currency.
 * Durations go to fixed histogram buckets (attributes tp<i>, cb<i>), so percentiles sum across
 * shards and days.
 */
import type { Payment } from '../domain/payment.ts';
import type { PaymentEventRecord } from '../domain/payment-event.ts';
import { chinaDayOf } from '../statements/china-day.ts';

export const FIGURES = ['created', 'succeeded', 'closed', 'failed', 'refunded'] as const;
export type Figure = (typeof FIGURES)[number];

/** Upper bounds (ms) of the duration buckets; the last holds everything longer. */
export const BUCKETS_MS = [1_000, 2_000, 5_000, 10_000, 30_000, 60_000, 120_000, 300_000, 600_000, 1_800_000, 3_600_000, 21_600_000, 86_400_000, Number.MAX_SAFE_INTEGER] as const;

export const bucketOf = (ms: number) => BUCKETS_MS.findIndex((upper) => Math.max(0, ms) <= upper);

/** `<figure>#<channel>#<method>#<payId>#<currency>`: what a report groups by is in the key. */
export const counterSortKey = (figure: Figure, p: Pick<Payment, 'channel' | 'method' | 'payId' | 'currency'>) => `${figure}#${p.channel}#${p.method}#${p.payId}#${p.currency}`;

/** One addition to one counter: where (company, China day, figure and dimensions) and how much. */
export interface CounterAddition {
  companyId: string;
  day: string;
  sortKey: string;
  /** count and amount (absent: a duration only, e.g. a callback's latency). */
  count?: number;
  amount?: number;
  /** Histogram buckets to add one to, by attribute (tp<i>: create to paid, cb<i>: callback latency). */
  buckets?: string[];
}

const at = (figure: Figure, payment: Payment, when: string, amount: number, buckets?: string[]): CounterAddition => ({
  companyId: payment.companyId,
  day: chinaDayOf(new Date(when)),
  sortKey: counterSortKey(figure, payment),
  count: 1,
  amount,
  ...(buckets?.length ? { buckets } : {}),
});

const STATUS_FIGURES: Partial<Record<Payment['status'], Figure>> = { SUCCEEDED: 'succeeded', CLOSED: 'closed', FAILED: 'failed' };

/**
 * What a payment's change counts: created at its insert; succeeded, closed or failed when its
 * status becomes that (with the time from create to paid); refunded when its refunded amount grows
 * (a refund settled, or a provider reporting the whole payment refunded), by the growth.
 */
export function paymentAdditions(before: Payment | undefined, after: Payment): CounterAddition[] {
  const additions: CounterAddition[] = [];
  if (!before) additions.push(at('created', after, after.createdAt, after.amount));
  const status = STATUS_FIGURES[after.status];
  if (status && before?.status !== after.status) {
    const paid = after.status === 'SUCCEEDED' && after.paidAt ? [`tp${bucketOf(Date.parse(after.paidAt) - Date.parse(after.createdAt))}`] : undefined;
    additions.push(at(status, after, after.updatedAt, after.amount, paid));
  }
  const refunded = (after.refundedAmount ?? 0) - (before?.refundedAmount ?? 0);
  if (refunded > 0) additions.push(at('refunded', after, after.updatedAt, refunded));
  return additions;
}

const EVENT_FIGURES: Record<PaymentEventRecord['status'], Figure> = { SUCCEEDED: 'succeeded', CLOSED: 'closed', REFUNDED: 'refunded' };

/** An applied provider callback that said when it was sent: its latency, beside the figure it moved. */
export function callbackAddition(event: PaymentEventRecord, payment: Payment): CounterAddition | undefined {
  if (event.outcome !== 'applied' || !event.notifiedAt) return undefined;
  return {
    companyId: payment.companyId,
    day: chinaDayOf(new Date(event.recordedAt)),
    sortKey: counterSortKey(EVENT_FIGURES[event.status], payment),
    buckets: [`cb${bucketOf(Date.parse(event.recordedAt) - Date.parse(event.notifiedAt))}`],
  };
}
