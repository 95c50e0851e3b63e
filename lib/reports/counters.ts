/**
 * The daily counters reports read (issue 14, ARCHITECTURE.md §4 and §10): one item per company,
 * China day, shard (COUNTER_SHARDS by a hash of payNo, so no item takes a busy merchant's whole day)
 * and figure × channel × method × payId × currency, bumped with ADD in the transaction of the change
 * it counts. Durations go to fixed histogram buckets (attributes tp<i>, cb<i>), so percentiles sum
 * across shards and days.
 */
import type { Payment } from '../domain/payment.ts';
import { chinaDayOf } from '../statements/china-day.ts';
import { dailyCounterKey } from '../store/dynamodb/keys.ts';

export const FIGURES = ['created', 'succeeded', 'closed', 'failed', 'refunded'] as const;
export type Figure = (typeof FIGURES)[number];

/** Upper bounds (ms) of the duration buckets; the last holds everything longer. */
export const BUCKETS_MS = [1_000, 2_000, 5_000, 10_000, 30_000, 60_000, 120_000, 300_000, 600_000, 1_800_000, 3_600_000, 21_600_000, 86_400_000, Number.MAX_SAFE_INTEGER] as const;

export const bucketOf = (ms: number) => BUCKETS_MS.findIndex((upper) => Math.max(0, ms) <= upper);

export interface CounterBump {
  figure: Figure;
  /** The payment counted (its company, channel, method, config and currency; its payNo picks the shard). */
  payment: Payment;
  /** When the change was written: its China day is the counter's. */
  at: string;
  amount: number;
  /** succeeded: from create to paid. */
  timeToPayMs?: number;
  /** An applied provider callback that said when it was sent: from then to now. */
  callbackMs?: number;
}

/** `<figure>#<channel>#<method>#<payId>#<currency>`: what a report groups by is in the key. */
export const counterSortKey = (figure: Figure, p: Pick<Payment, 'channel' | 'method' | 'payId' | 'currency'>) => `${figure}#${p.channel}#${p.method}#${p.payId}#${p.currency}`;

/**
 * The transaction items that count one change: one, or none with DAILY_COUNTERS=off (the events
 * benchmark's baseline, bench/events.ts: the status worker without the counters' cost).
 */
export const counterUpdates = (TableName: string, bump: CounterBump | undefined) =>
  bump && process.env.DAILY_COUNTERS !== 'off' ? [counterUpdate(TableName, bump)] : [];

/** The transaction item that counts one change. */
export function counterUpdate(TableName: string, bump: CounterBump) {
  const { payment } = bump;
  const names: Record<string, string> = { '#count': 'count', '#amount': 'amount' };
  const values: Record<string, unknown> = { ':one': 1, ':amount': bump.amount, ':entity': 'dailyCounter' };
  const adds = ['#count :one', '#amount :amount'];
  for (const [attr, ms] of [['tp', bump.timeToPayMs], ['cb', bump.callbackMs]] as const) {
    if (ms === undefined) continue;
    names[`#${attr}`] = `${attr}${bucketOf(ms)}`;
    adds.push(`#${attr} :one`);
  }
  return {
    Update: {
      TableName,
      Key: dailyCounterKey(payment.companyId, chinaDayOf(new Date(bump.at)), payment.payNo, counterSortKey(bump.figure, payment)),
      UpdateExpression: `ADD ${adds.join(', ')} SET entity = :entity`,
      ExpressionAttributeNames: names,
      ExpressionAttributeValues: values,
    },
  };
}

/** What a status move counts, if anything: a provider's REFUNDED (a query) counts what was not refunded yet. */
export function moveFigure(before: Payment, after: Payment): { figure: Figure; amount: number } | undefined {
  if (after.status === 'SUCCEEDED') return { figure: 'succeeded', amount: after.amount };
  if (after.status === 'CLOSED') return { figure: 'closed', amount: after.amount };
  if (after.status === 'FAILED') return { figure: 'failed', amount: after.amount };
  if (after.status === 'REFUNDED') return { figure: 'refunded', amount: after.amount - (before.refundedAmount ?? 0) };
  return undefined;
}
