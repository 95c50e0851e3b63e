/**
 * A tumbling window's counter sums (Lambda's stream windows, ARCHITECTURE.md §10): each invocation
 * of the events relay adds its records' counts to the state Lambda hands it, and the window's last
 * invocation writes the sums, one update per counter item per window and stream shard instead of
 * one per payment change. The state also keeps the window's first and last stream sequence
 * numbers: the write is then idempotent (lib/store/dynamodb/counter-store.ts).
 */
import type { DynamoDBRecord } from 'aws-lambda';
import type { Payment } from '../domain/payment.ts';
import type { PaymentEventRecord } from '../domain/payment-event.ts';
import { imagesOf } from '../events/stream-images.ts';
import { callbackAddition, paymentAdditions, type CounterAddition } from './counters.ts';

/** One counter item's sums in a window: count, amount and histogram buckets. */
export interface CounterSum {
  companyId: string;
  day: string;
  sortKey: string;
  count: number;
  amount: number;
  buckets: Record<string, number>;
}

/** What Lambda keeps between a window's invocations (JSON, at most 1 MB a shard). */
export interface CounterWindow {
  /** The window's first and last stream sequence numbers, as the stream gives them. */
  first?: string;
  last?: string;
  sums: Record<string, CounterSum>;
}

export const emptyWindow = (): CounterWindow => ({ sums: {} });

/** An applied callback that said when it was sent: its payment is read for the counter's dimensions. */
const timedCallback = (record: DynamoDBRecord): PaymentEventRecord | undefined => {
  const { entity, after, eventName } = imagesOf(record);
  const event = after as PaymentEventRecord | undefined;
  return entity === 'event' && eventName === 'INSERT' && event?.outcome === 'applied' && event.notifiedAt ? event : undefined;
};

/** The payments a batch's counting needs to read (an applied callback's item does not carry them). */
export const paymentsToRead = (records: DynamoDBRecord[]) => records.flatMap((r) => timedCallback(r)?.payNo ?? []);

/** What one stream record adds to the counters. */
export function additionsOf(record: DynamoDBRecord, payments: ReadonlyMap<string, Payment>): CounterAddition[] {
  const { entity, before, after, eventName } = imagesOf(record);
  if (entity === 'payment' && after && (eventName === 'INSERT' || eventName === 'MODIFY')) {
    return paymentAdditions(eventName === 'INSERT' ? undefined : (before as unknown as Payment), after as unknown as Payment);
  }
  const event = timedCallback(record);
  const payment = event && payments.get(event.payNo);
  const addition = event && payment && callbackAddition(event, payment);
  return addition ? [addition] : [];
}

/** The window with a batch's records added (the window passed in is not changed: a failed batch is retried from it). */
export function addBatch(window: CounterWindow | undefined, records: DynamoDBRecord[], payments: ReadonlyMap<string, Payment>): CounterWindow {
  const next: CounterWindow = structuredClone(window?.sums ? window : emptyWindow());
  for (const record of records) {
    const sequence = record.dynamodb?.SequenceNumber;
    if (sequence) {
      next.first ??= sequence;
      next.last = sequence;
    }
    for (const a of additionsOf(record, payments)) {
      const key = `${a.companyId}\n${a.day}\n${a.sortKey}`;
      const sum = (next.sums[key] ??= { companyId: a.companyId, day: a.day, sortKey: a.sortKey, count: 0, amount: 0, buckets: {} });
      sum.count += a.count ?? 0;
      sum.amount += a.amount ?? 0;
      for (const b of a.buckets ?? []) sum.buckets[b] = (sum.buckets[b] ?? 0) + 1;
    }
  }
  return next;
}
