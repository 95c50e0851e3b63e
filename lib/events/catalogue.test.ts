import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { toResource } from '../payments/payment-resource.ts';
import { samplePaidPayment } from '../notify/testing.ts';
import { checkedEvent, EVENT_TYPES } from './catalogue.ts';
import { EVENTS_DOC, eventsDocText } from './events-doc.ts';
import { eventWebhooks } from './webhooks.ts';

const paid = samplePaidPayment();
const base = { id: 'x', occurredAt: paid.updatedAt, companyId: paid.companyId, channel: paid.channel, method: paid.method, status: 'SUCCEEDED', amount: paid.amount, currency: paid.currency };

describe('event catalogue', () => {
  it('is docs/events.md byte for byte (npx tsx lib/events/events-doc.ts rewrites it)', () => {
    expect(readFileSync(EVENTS_DOC, 'utf8') === eventsDocText(), 'docs/events.md is stale: run `npx tsx lib/events/events-doc.ts`').toBe(true);
  });

  it('has a type for every payment status change, refund outcome and refused callback', () => {
    for (const t of ['payment.created', 'payment.succeeded', 'payment.closed', 'payment.failed', 'payment.refunded', 'payment.partially_refunded', 'refund.succeeded', 'refund.failed', 'callback.rejected', 'callback.amount_mismatch']) {
      expect(EVENT_TYPES).toContain(t);
    }
  });

  it("checks an event's data against its type", () => {
    expect(checkedEvent({ ...base, type: 'payment.succeeded', data: toResource(paid) }).type).toBe('payment.succeeded');
    // A payment's data under a refund type, an unknown type, a missing attribute: refused.
    expect(() => checkedEvent({ ...base, type: 'refund.succeeded', data: toResource(paid) })).toThrow();
    expect(() => checkedEvent({ ...base, type: 'payment.teleported', data: toResource(paid) })).toThrow(/not in the catalogue/);
    expect(() => checkedEvent({ ...base, channel: undefined as unknown as string, type: 'payment.succeeded', data: toResource(paid) })).toThrow();
  });

  it('is in the OpenAPI document as one webhook per type, each with its own operationId', () => {
    const hooks = eventWebhooks();
    expect(Object.keys(hooks).sort()).toEqual(EVENT_TYPES.map((t) => `events.${t}`).sort());
    const ids = Object.values(hooks).map((h) => h.post.operationId);
    expect(new Set(ids).size).toBe(ids.length);
  });
});
