/**
 * The payment events topic end to end on the local stack (issue 14): status changes written by
 * the status worker, the close API and the create path reach the PaymentEvents topic through the
 * table's stream, once each, with message attributes that subscribers' filter policies select on.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Merchant } from '../infra/local/merchants.ts';
import { deliverAlipayNotify, eventually, paymentOf, sandboxPost } from './support/callbacks.ts';
import { subscribe, type Subscriber } from './support/event-subscriber.ts';
import { call, newMerchant, sampleBody, target } from './support/target.ts';

const hasTopic = !!target().sandbox && !!target().events;

describe.skipIf(!hasTopic)('payment events topic', () => {
  let merchant: Merchant;
  let succeeded: Subscriber;
  let large: Subscriber;
  let all: Subscriber;

  beforeAll(async () => {
    merchant = await newMerchant('events');
    const companyId = [merchant.companyId];
    succeeded = await subscribe('succeeded', { companyId, type: ['payment.succeeded', 'callback.rejected'] });
    large = await subscribe('large', { companyId, amount: [{ numeric: ['>=', 5000] }] });
    all = await subscribe('all', { companyId });
  });
  afterAll(async () => {
    for (const s of [succeeded, large, all]) await s?.close();
  });

  const create = async (amount: number) => {
    const res = await call(merchant.apiKey, 'POST', '/v1/payments', { body: sampleBody({ amount }) });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    return res.body.payNo as string;
  };
  const notify = async (payNo: string, tradeStatus: string) =>
    (await sandboxPost(`/sandbox/trades/${payNo}/notifications`, { tradeStatus, send: false })).body as string;

  it('a filtered subscriber receives exactly the matching events, once each, despite duplicated callbacks', async () => {
    const [small, big, unpaid] = [await create(1999), await create(6000), await create(2500)];
    for (const payNo of [small, big]) {
      const body = await notify(payNo, 'TRADE_SUCCESS');
      // The same signed callback three times, two of them at once.
      await deliverAlipayNotify(merchant.payId, body);
      await Promise.all([deliverAlipayNotify(merchant.payId, body), deliverAlipayNotify(merchant.payId, body)]);
      await eventually(() => paymentOf(merchant, payNo), (p) => p.status === 'SUCCEEDED');
    }
    // A part refunded; then Alipay tells of the payment again (a new notification): recorded, refused by the status machine.
    const refund = await call(merchant.apiKey, 'POST', `/v1/payments/${small}/refunds`, { body: { amount: 500 } });
    expect(refund.status, JSON.stringify(refund.body)).toBe(201);
    await eventually(() => paymentOf(merchant, small), (p) => p.status === 'PARTIALLY_REFUNDED');
    expect(await deliverAlipayNotify(merchant.payId, await notify(small, 'TRADE_SUCCESS'))).toEqual({ status: 200, text: 'success' });
    const closed = await call(merchant.apiKey, 'POST', `/v1/payments/${unpaid}/close`);
    expect(closed.status, JSON.stringify(closed.body)).toBe(200);

    // The last change written is the unpaid payment's close: once it is out, everything before it is.
    await eventually(
      () => all.drain().then(() => all.received),
      (r) => r.some((e) => e.type === 'payment.closed') && r.some((e) => e.type === 'callback.rejected'),
      30_000,
    );
    const got = await succeeded.drain();
    expect(got.map((e) => [e.type, e.data.payNo]).sort()).toEqual(
      [
        ['payment.succeeded', small],
        ['payment.succeeded', big],
        ['callback.rejected', small],
      ].sort(),
    );
    expect(new Set(got.map((e) => e.id)).size).toBe(3);
    const rejected = got.find((e) => e.type === 'callback.rejected')!;
    expect(rejected).toMatchObject({ status: 'PARTIALLY_REFUNDED', channel: 'alipay', method: 'alipay.qr', data: { event: { providerStatus: 'TRADE_SUCCESS', outcome: 'ignored', fromStatus: 'PARTIALLY_REFUNDED' } } });

    const bigOnes = await large.drain();
    expect(bigOnes.map((e) => e.type).sort()).toEqual(['payment.created', 'payment.pending', 'payment.succeeded']);
    expect(bigOnes.every((e) => e.data.payNo === big && e.amount === 6000)).toBe(true);

    // Everything of the company: each change once, in the catalogue's types.
    const types = all.received.map((e) => `${e.type} ${e.data.payNo}`).sort();
    expect(types).toEqual(
      [
        `payment.created ${small}`,
        `payment.created ${big}`,
        `payment.created ${unpaid}`,
        `payment.pending ${small}`,
        `payment.pending ${big}`,
        `payment.pending ${unpaid}`,
        `payment.succeeded ${small}`,
        `payment.succeeded ${big}`,
        `refund.created ${small}`,
        `refund.succeeded ${small}`,
        `payment.partially_refunded ${small}`,
        `callback.rejected ${small}`,
        `payment.closed ${unpaid}`,
      ].sort(),
    );
    expect(all.received.find((e) => e.type === 'payment.closed')).toMatchObject({ companyId: merchant.companyId, status: 'CLOSED', amount: 2500 });
  });
});
