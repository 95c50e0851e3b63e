/**
 * What a record of the table's stream says happened, as catalogue events. The stream (new and old
 * images) already carries every change, so the events cost no write: a payment's INSERT is
 * payment.created, a MODIFY that changes its status is payment.<status>; a refund's INSERT and its
 * move to SUCCEEDED or FAILED are refund.*; an audit-trail event item the status machine kept out is
 * callback.rejected or callback.amount_mismatch. Everything else (a reconciler's deferral, an
 * idempotency record, a notification) is no event.
 */
import { createHash } from 'node:crypto';
import type { DynamoDBRecord } from 'aws-lambda';
import type { Payment } from '../domain/payment.ts';
import type { PaymentEventRecord } from '../domain/payment-event.ts';
import type { Refund } from '../domain/refund.ts';
import { toResource } from '../payments/payment-resource.ts';
import { toEventResource } from '../payments/event-resource.ts';
import { toRefundResource } from '../payments/refunds.ts';
import { imagesOf } from './stream-images.ts';
import { paymentStatusType, type PayeeEvent } from './event-types.ts';

/** The items whose changes are events: the stream mapping's filter lets only these through. */
export const EVENT_ENTITIES = ['payment', 'refund', 'event'] as const;

export type Change =
  | { kind: 'payment'; type: string; id: string; payment: Payment }
  | { kind: 'refund'; type: string; id: string; refund: Refund }
  | { kind: 'callback'; type: string; id: string; payNo: string; record: PaymentEventRecord };

/** The changes one stream record reports (none, one, or two for a payment inserted already settled). */
export function changesOf(record: DynamoDBRecord): Change[] {
  const { entity, before, after } = imagesOf(record);
  if (!after || (record.eventName !== 'INSERT' && record.eventName !== 'MODIFY')) return [];
  if (entity === 'payment') {
    const payment = after as unknown as Payment;
    const id = (type: string) => `${payment.payNo}.${type}.v${payment.version}`;
    if (record.eventName === 'INSERT') {
      const created: Change = { kind: 'payment', type: 'payment.created', id: id('payment.created'), payment };
      // A payment the provider refused at once is stored FAILED: subscribers to payment.failed hear of it too.
      if (payment.status === 'CREATED' || payment.status === 'PENDING') return [created];
      return [created, { kind: 'payment', type: paymentStatusType(payment.status), id: id(paymentStatusType(payment.status)), payment }];
    }
    if (before?.status === payment.status) return [];
    return [{ kind: 'payment', type: paymentStatusType(payment.status), id: id(paymentStatusType(payment.status)), payment }];
  }
  if (entity === 'refund') {
    const refund = after as unknown as Refund;
    const changes: Change[] = [];
    if (record.eventName === 'INSERT') changes.push({ kind: 'refund', type: 'refund.created', id: `${refund.refundNo}.refund.created`, refund });
    const settled = refund.status === 'SUCCEEDED' || refund.status === 'FAILED';
    if (settled && before?.status !== refund.status) {
      const type = `refund.${refund.status.toLowerCase()}`;
      changes.push({ kind: 'refund', type, id: `${refund.refundNo}.${type}`, refund });
    }
    return changes;
  }
  if (entity === 'event' && record.eventName === 'INSERT') {
    const event = after as unknown as PaymentEventRecord;
    if (event.outcome !== 'ignored') return [];
    // already_in_state is a provider repeating what payee knows (a duplicate by other means): no event.
    const type = event.reason === 'amount_mismatch' ? 'callback.amount_mismatch' : event.reason?.startsWith('transition_not_allowed') ? 'callback.rejected' : undefined;
    return type ? [{ kind: 'callback', type, id: `${event.payNo}.${event.eventId}`, payNo: event.payNo, record: event }] : [];
  }
  return [];
}

/** The payment a change needs to be published (for its company, channel and method). */
export const payNoOf = (change: Change) =>
  change.kind === 'payment' ? change.payment.payNo : change.kind === 'refund' ? change.refund.payNo : change.payNo;

/** The same buyer gives the same ref; the facts stay in payee (risk rules count per buyer without them). */
export function payerRefOf(payment: Payment): string | undefined {
  if (!payment.payer || !Object.keys(payment.payer).length) return undefined;
  const facts = Object.entries(payment.payer).sort(([a], [b]) => a.localeCompare(b));
  return createHash('sha256').update(`${payment.companyId}\n${JSON.stringify(facts)}`).digest('base64url').slice(0, 22);
}

/** The catalogue event of a change; `payment` is the change's own payment, or its payment as read now. */
export function eventOf(change: Change, payment: Payment): PayeeEvent {
  const payerRef = payerRefOf(payment);
  const common = { id: change.id, type: change.type, companyId: payment.companyId, channel: payment.channel, method: payment.method, ...(payerRef ? { payerRef } : {}) };
  switch (change.kind) {
    case 'payment': {
      const p = change.payment;
      const occurredAt = change.type === 'payment.created' ? p.createdAt : p.updatedAt;
      return { ...common, occurredAt, status: p.status, amount: p.amount, currency: p.currency, data: toResource(p) };
    }
    case 'refund': {
      const r = change.refund;
      const occurredAt = change.type === 'refund.created' ? r.createdAt : r.updatedAt;
      return { ...common, occurredAt, status: r.status, amount: r.amount, currency: r.currency, data: toRefundResource(r) };
    }
    case 'callback': {
      const e = change.record;
      const data = { payNo: e.payNo, event: toEventResource(e) };
      return { ...common, occurredAt: e.recordedAt, status: payment.status, amount: payment.amount, currency: payment.currency, data };
    }
  }
}
