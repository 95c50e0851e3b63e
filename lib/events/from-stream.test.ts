import type { DynamoDBRecord } from 'aws-lambda';
import { marshall } from '@aws-sdk/util-dynamodb';
import { describe, expect, it } from 'vitest';
import type { PaymentEventRecord } from '../domain/payment-event.ts';
import type { Refund } from '../domain/refund.ts';
import { samplePaidPayment } from '../notify/testing.ts';
import { checkedEvent } from './catalogue.ts';
import { changesOf, eventOf as buildEvent, type Change } from './from-stream.ts';
import type { Payment } from '../domain/payment.ts';

// Every event the relay builds here must also be its catalogue type's shape.
const eventOf = (change: Change, payment: Payment) => checkedEvent(buildEvent(change, payment));

const item = (entity: string, value: object) => marshall({ PK: 'x', SK: 'y', entity, ...value }, { removeUndefinedValues: true }) as never;
const record = (eventName: 'INSERT' | 'MODIFY' | 'REMOVE', entity: string, after: object, before?: object): DynamoDBRecord => ({
  eventName,
  dynamodb: { NewImage: item(entity, after), ...(before ? { OldImage: item(entity, before) } : {}) },
});

const paid = samplePaidPayment();
const pending = samplePaidPayment({ status: 'PENDING', version: 1, paidAt: undefined, refundableAmount: 0 });
const refund: Refund = { refundNo: 'R1', payNo: paid.payNo, companyId: 'C1', amount: 500, currency: 'CNY', status: 'PENDING', createdAt: paid.updatedAt, updatedAt: paid.updatedAt };
const ignored = (reason: string): PaymentEventRecord => ({
  eventId: 'e1', payNo: paid.payNo, channel: 'alipay', status: 'CLOSED', providerStatus: 'TRADE_CLOSED', amount: 1999, currency: 'CNY', recordedAt: paid.updatedAt, outcome: 'ignored', fromStatus: 'SUCCEEDED', reason,
});

describe('stream records as events', () => {
  it('a payment insert is payment.created; a status move is payment.<status>; other writes are none', () => {
    expect(changesOf(record('INSERT', 'payment', pending)).map((c) => c.type)).toEqual(['payment.created']);
    expect(changesOf(record('MODIFY', 'payment', paid, pending)).map((c) => c.type)).toEqual(['payment.succeeded']);
    // The reconciler's deferral, a refund's reservation: the same status, no event.
    expect(changesOf(record('MODIFY', 'payment', { ...pending, nextCheckAt: 'later' }, pending))).toEqual([]);
    expect(changesOf(record('REMOVE', 'payment', paid))).toEqual([]);
    expect(changesOf(record('INSERT', 'notification', { payNo: paid.payNo }))).toEqual([]);
  });

  it('a payment stored FAILED at once is created and failed', () => {
    expect(changesOf(record('INSERT', 'payment', { ...pending, status: 'FAILED' })).map((c) => c.type)).toEqual(['payment.created', 'payment.failed']);
  });

  it("refunds: created on insert, succeeded or failed on that move only; ids stable per change", () => {
    expect(changesOf(record('INSERT', 'refund', refund)).map((c) => c.id)).toEqual(['R1.refund.created']);
    expect(changesOf(record('MODIFY', 'refund', { ...refund, status: 'PROCESSING' }, refund))).toEqual([]);
    const done = changesOf(record('MODIFY', 'refund', { ...refund, status: 'SUCCEEDED' }, { ...refund, status: 'PROCESSING' }));
    expect(done.map((c) => [c.type, c.id])).toEqual([['refund.succeeded', 'R1.refund.succeeded']]);
    const event = eventOf(done[0]!, paid);
    expect(event).toMatchObject({ type: 'refund.succeeded', companyId: 'C1', channel: 'alipay', method: 'alipay.qr', status: 'SUCCEEDED', amount: 500 });
  });

  it('callbacks the status machine kept out: rejected or amount_mismatch; a repeat of the known state is none', () => {
    expect(changesOf(record('INSERT', 'event', ignored('transition_not_allowed:SUCCEEDED->CLOSED'))).map((c) => c.type)).toEqual(['callback.rejected']);
    const mismatch = changesOf(record('INSERT', 'event', { ...ignored('amount_mismatch'), amount: 1 }));
    expect(eventOf(mismatch[0]!, paid)).toMatchObject({ type: 'callback.amount_mismatch', status: 'SUCCEEDED', amount: 1999, data: { payNo: paid.payNo, event: { amount: 1 } } });
    expect(changesOf(record('INSERT', 'event', ignored('already_in_state')))).toEqual([]);
    expect(changesOf(record('INSERT', 'event', { ...ignored('x'), outcome: 'applied', reason: undefined }))).toEqual([]);
  });

  it("a payment event carries the payment as the API shows it (no payer, no keys)", () => {
    const [change] = changesOf(record('MODIFY', 'payment', { ...paid, payer: { openid: 'o1' } }, pending));
    const event = eventOf(change!, paid);
    expect(event).toMatchObject({ id: `${paid.payNo}.payment.succeeded.v2`, occurredAt: paid.updatedAt, amount: 1999 });
    expect(event.data).not.toHaveProperty('payer');
    // The buyer as a ref: the same facts, the same ref; the facts themselves nowhere in the event.
    const withPayer = eventOf(change!, { ...paid, payer: { openid: 'o1' } });
    expect(withPayer.payerRef).toMatch(/^[\w-]{22}$/);
    expect(eventOf(change!, { ...paid, payer: { openid: 'o1' } }).payerRef).toBe(withPayer.payerRef);
    expect(eventOf(change!, { ...paid, payer: { openid: 'o2' } }).payerRef).not.toBe(withPayer.payerRef);
    expect(JSON.stringify(withPayer)).not.toContain('o1');
    expect(event.data).not.toHaveProperty('PK');
  });
});
