import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseCallbackMessage, parsePaymentEvent } from './payment-event-schema.ts';

const sample = JSON.parse(readFileSync(new URL('../../events/sqs/callback-event.json', import.meta.url), 'utf8'));

describe('the queued payment event', () => {
  it('reads the sample SQS record the status worker receives', () => {
    expect(parsePaymentEvent(sample.Records[0].body)).toMatchObject({ payNo: 'P01M87XMJHW2GQ6TRJA6BSB11D1', status: 'SUCCEEDED', amount: 1999 });
  });
  it('refuses a poison message: not JSON, unknown fields, a status no worker applies', () => {
    const event = JSON.parse(sample.Records[0].body);
    expect(() => parsePaymentEvent('{"not":"an event"')).toThrow();
    expect(() => parsePaymentEvent(JSON.stringify({ ...event, extra: 1 }))).toThrow();
    expect(() => parsePaymentEvent(JSON.stringify({ ...event, status: 'PENDING' }))).toThrow();
    expect(() => parsePaymentEvent(JSON.stringify({ ...event, amount: 19.99 }))).toThrow();
  });
});

describe('the queued callback message', () => {
  const refund = { kind: 'refund', eventId: 'wechat-EV1', payNo: 'P01M87XMJHW2GQ6TRJA6BSB11D1', refundNo: 'R01M87XMJHW2GQ6TRJA6BSB11D2', channel: 'wechat', status: 'FAILED', providerStatus: 'ABNORMAL', amount: 500, currency: 'CNY' };
  it('a message without kind is a payment event, as every message was before refunds were queued', () => {
    expect(parseCallbackMessage(sample.Records[0].body)).toMatchObject({ kind: 'payment', event: { payNo: 'P01M87XMJHW2GQ6TRJA6BSB11D1', status: 'SUCCEEDED' } });
  });
  it('reads a refund event, and refuses one that is not', () => {
    expect(parseCallbackMessage(JSON.stringify(refund))).toEqual({ kind: 'refund', event: refund });
    expect(() => parseCallbackMessage(JSON.stringify({ ...refund, status: 'PROCESSING' }))).toThrow();
    expect(() => parseCallbackMessage(JSON.stringify({ ...refund, refundNo: undefined }))).toThrow();
    expect(() => parseCallbackMessage(JSON.stringify({ ...refund, kind: 'payment' }))).toThrow();
  });
});
