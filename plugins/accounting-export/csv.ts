/**
 * The export's CSV: one line per succeeded payment or refund, in the order they reached the
 * plugin; a day's file is rewritten with new lines appended, and an event already in it (a
 * redelivery) is not added again.
 */
import type { PayeeEvent } from '../../lib/events/event-types.ts';
import { toDecimalString } from '../../lib/domain/money.ts';
import { chinaDayOf } from '../../lib/statements/china-day.ts';
import { csvRows } from '../../lib/statements/csv.ts';

export const CSV_COLUMNS = ['eventId', 'occurredAt', 'kind', 'payNo', 'refundNo', 'outTradeNo', 'channel', 'method', 'amount', 'currency', 'providerTradeNo'] as const;

const quote = (field: string) => (/[",\r\n]/.test(field) ? `"${field.replaceAll('"', '""')}"` : field);

/** The file an event belongs in: its company's, of the China day it happened on. */
export const fileOf = (prefix: string, event: PayeeEvent) => `${prefix}${event.companyId}/${chinaDayOf(new Date(event.occurredAt))}.csv`;

export function lineOf(event: PayeeEvent): string {
  const data = event.data as { payNo: string; refundNo?: string; outTradeNo?: string; providerTradeNo?: string };
  const fields = [
    event.id,
    event.occurredAt,
    event.type === 'refund.succeeded' ? 'refund' : 'payment',
    data.payNo,
    data.refundNo ?? '',
    data.outTradeNo ?? '',
    event.channel,
    event.method,
    // Refunds are money going back: negative, so a day's column sums to what stayed.
    toDecimalString(event.type === 'refund.succeeded' ? -event.amount : event.amount, event.currency),
    event.currency,
    data.providerTradeNo ?? '',
  ];
  return fields.map(quote).join(',');
}

/** `existing` (a day's file, or undefined) with the events not yet in it appended. */
export function appended(existing: string | undefined, events: PayeeEvent[]): string {
  const text = existing ?? `${CSV_COLUMNS.join(',')}\r\n`;
  const have = new Set(csvRows(text).slice(1).map((row) => row[0]));
  const fresh = events.filter((e) => !have.has(e.id) && (have.add(e.id), true));
  return text + fresh.map((e) => `${lineOf(e)}\r\n`).join('');
}
