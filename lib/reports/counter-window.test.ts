import type { DynamoDBRecord } from 'aws-lambda';
import { marshall } from '@aws-sdk/util-dynamodb';
import { describe, expect, it } from 'vitest';
import type { PaymentEventRecord } from '../domain/payment-event.ts';
import { samplePaidPayment } from '../notify/testing.ts';
import { addBatch, paymentsToRead } from './counter-window.ts';
import { bucketOf, BUCKETS_MS, callbackAddition, paymentAdditions } from './counters.ts';

const item = (entity: string, value: object) => marshall({ PK: 'x', SK: 'y', entity, ...value }, { removeUndefinedValues: true }) as never;
let sequence = 100;
const record = (eventName: 'INSERT' | 'MODIFY', entity: string, after: object, before?: object): DynamoDBRecord => ({
  eventName,
  dynamodb: { SequenceNumber: String(sequence++), NewImage: item(entity, after), ...(before ? { OldImage: item(entity, before) } : {}) },
});

// Created 2026-11-24T16:00Z, paid 4 s later; 2026-11-24T17:00Z is already 2026-11-25 in China.
const paid = samplePaidPayment({ createdAt: '2026-11-24T16:00:00.000Z', paidAt: '2026-11-24T16:00:04.000Z', updatedAt: '2026-11-24T17:00:00.000Z' });
const pending = { ...paid, status: 'PENDING' as const, version: 1, paidAt: undefined, updatedAt: paid.createdAt };
const applied: PaymentEventRecord = {
  eventId: 'e1', payNo: paid.payNo, channel: 'alipay', status: 'SUCCEEDED', providerStatus: 'TRADE_SUCCESS', amount: 1999, currency: 'CNY',
  notifiedAt: '2026-11-24T16:59:59.300Z', recordedAt: paid.updatedAt, outcome: 'applied', fromStatus: 'PENDING', toStatus: 'SUCCEEDED',
};
const SK = (figure: string) => `${figure}#alipay#alipay.qr#cfg_1#CNY`;

describe('what a change counts', () => {
  it('created at insert, under the China day of its creation and every dimension a report groups by', () => {
    expect(paymentAdditions(undefined, pending)).toEqual([{ companyId: 'C1', day: '2026-11-25', sortKey: SK('created'), count: 1, amount: 1999 }]);
  });

  it('a status move with the time to pay; a status that stays counts nothing', () => {
    expect(paymentAdditions(pending, paid)).toEqual([{ companyId: 'C1', day: '2026-11-25', sortKey: SK('succeeded'), count: 1, amount: 1999, buckets: ['tp2'] }]);
    expect(paymentAdditions(pending, { ...pending, nextCheckAt: 'later' })).toEqual([]);
    // A provider's refusal at create: failed.
    expect(paymentAdditions({ ...pending, status: 'CREATED' }, { ...pending, status: 'FAILED' }).map((a) => a.sortKey)).toEqual([SK('failed')]);
  });

  it('refunded by what the refunded amount grew: each settled refund, a provider-reported full refund what was left', () => {
    const partly = { ...paid, status: 'PARTIALLY_REFUNDED' as const, refundedAmount: 500 };
    expect(paymentAdditions(paid, partly)).toEqual([{ companyId: 'C1', day: '2026-11-25', sortKey: SK('refunded'), count: 1, amount: 500 }]);
    // A second partial refund leaves the status as it is.
    expect(paymentAdditions(partly, { ...partly, refundedAmount: 800 }).map((a) => a.amount)).toEqual([300]);
    expect(paymentAdditions(partly, { ...partly, status: 'REFUNDED', refundedAmount: 1999 }).map((a) => [a.sortKey, a.amount])).toEqual([[SK('refunded'), 1499]]);
  });

  it("an applied callback's latency beside the figure it moved; none without the provider's send time", () => {
    expect(callbackAddition(applied, paid)).toEqual({ companyId: 'C1', day: '2026-11-25', sortKey: SK('succeeded'), buckets: ['cb0'] });
    expect(callbackAddition({ ...applied, notifiedAt: undefined }, paid)).toBeUndefined();
    expect(callbackAddition({ ...applied, outcome: 'ignored' }, paid)).toBeUndefined();
  });

  it('buckets durations (negative clock skew counts as instant)', () => {
    expect(bucketOf(-5)).toBe(0);
    expect(bucketOf(1000)).toBe(0);
    expect(bucketOf(1001)).toBe(1);
    expect(bucketOf(10 * 86_400_000)).toBe(BUCKETS_MS.length - 1);
  });
});

describe("a window's sums", () => {
  it('sums per counter item over batches, keeps the first and last sequence numbers, and leaves the state it was given alone', () => {
    const other = { ...pending, payNo: 'P2', amount: 1 };
    const batch1 = [record('INSERT', 'payment', pending), record('INSERT', 'payment', other), record('INSERT', 'notification', { payNo: 'P1' })];
    const first = addBatch(undefined, batch1, new Map());
    expect(first.first).toBe(batch1[0]!.dynamodb!.SequenceNumber);
    expect(first.last).toBe(batch1[2]!.dynamodb!.SequenceNumber);
    expect(Object.values(first.sums)).toEqual([{ companyId: 'C1', day: '2026-11-25', sortKey: SK('created'), count: 2, amount: 2000, buckets: {} }]);

    const batch2 = [record('MODIFY', 'payment', paid, pending), record('INSERT', 'event', applied)];
    expect(paymentsToRead(batch2)).toEqual([paid.payNo]);
    const second = addBatch(first, batch2, new Map([[paid.payNo, paid]]));
    expect(second.first).toBe(first.first);
    expect(second.last).toBe(batch2[1]!.dynamodb!.SequenceNumber);
    expect(Object.values(second.sums).find((s) => s.sortKey === SK('succeeded'))).toEqual({
      companyId: 'C1', day: '2026-11-25', sortKey: SK('succeeded'), count: 1, amount: 1999, buckets: { tp2: 1, cb0: 1 },
    });
    // A batch that failed is retried from the state before it: that state must be as it was.
    expect(Object.keys(first.sums)).toHaveLength(1);
  });

  it("an applied callback whose payment was not read counts nothing (its payment is gone)", () => {
    expect(addBatch(undefined, [record('INSERT', 'event', applied)], new Map()).sums).toEqual({});
  });
});
