import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parsePaymentEvent } from './payment-event-schema.ts';

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
