/**
 * Alipay callbacks end to end: the sandbox's signed notify → callback Lambda → SQS FIFO → status
 * worker → DynamoDB; duplicates, reordering and forgeries.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { AlipaySdk } from 'alipay-sdk';
// The SDK's request signer; not in its exports map, so reached by path.
import { sign as sdkSign } from '../node_modules/alipay-sdk/dist/esm/util.js';
import type { Merchant } from '../infra/local/merchants.ts';
import { alipayKeyPair, notifyFields, signNotify } from './support/alipay-notify.ts';
import { deliverAlipayNotify, eventsOf, eventually, paymentOf, sandboxPost } from './support/callbacks.ts';
import { call, companyItems, newMerchant, sampleBody, target } from './support/target.ts';
import { createMerchant } from '../infra/local/merchants.ts';

const hasSandbox = !!target().sandbox;

async function createPayment(merchant: Merchant, overrides: Record<string, unknown> = {}) {
  const res = await call(merchant.apiKey, 'POST', '/v1/payments', { body: sampleBody(overrides) });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body as { payNo: string; amount: number; status: string };
}

describe.skipIf(!hasSandbox)('with the Alipay sandbox', () => {
  let merchant: Merchant;
  beforeAll(async () => {
    merchant = await newMerchant('callbacks');
  });

  it('the buyer pays → SUCCEEDED within seconds, with paidAt, providerTradeNo and its event', async () => {
    const payment = await createPayment(merchant);
    const trade = await sandboxPost(`/sandbox/trades/${payment.payNo}/pay`);
    const paid = await eventually(() => paymentOf(merchant, payment.payNo), (p) => p.status === 'SUCCEEDED', 10_000);
    expect(paid).toMatchObject({ status: 'SUCCEEDED', refundableAmount: payment.amount, providerTradeNo: trade.tradeNo });
    expect(Date.parse(paid.paidAt)).toBeGreaterThan(0);
    const events = await eventsOf(merchant, payment.payNo);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ providerStatus: 'TRADE_SUCCESS', outcome: 'applied', fromStatus: 'PENDING', toStatus: 'SUCCEEDED' });
  });

  it('the same notify delivered 5 times at once is applied once', async () => {
    const payment = await createPayment(merchant);
    const { body } = await sandboxPost(`/sandbox/trades/${payment.payNo}/notifications`, { tradeStatus: 'TRADE_SUCCESS', send: false });
    const replies = await Promise.all(Array.from({ length: 5 }, () => deliverAlipayNotify(merchant.payId, body)));
    expect(replies).toEqual(Array(5).fill({ status: 200, text: 'success' }));
    await eventually(() => paymentOf(merchant, payment.payNo), (p) => p.status === 'SUCCEEDED');
    // Give any straggler time to be (not) applied, then count.
    await new Promise((r) => setTimeout(r, 1000));
    expect(await eventsOf(merchant, payment.payNo)).toHaveLength(1);
    expect((await paymentOf(merchant, payment.payNo)).status).toBe('SUCCEEDED');
  });

  it.each([
    ['TRADE_SUCCESS then TRADE_FINISHED', ['TRADE_SUCCESS', 'TRADE_FINISHED']],
    ['TRADE_FINISHED then TRADE_SUCCESS', ['TRADE_FINISHED', 'TRADE_SUCCESS']],
  ])('%s → SUCCEEDED, one applied and one ignored', async (_name, order) => {
    const payment = await createPayment(merchant);
    const bodies: Record<string, string> = {};
    // Both notifications exist before either is delivered; then they arrive in the order given.
    for (const status of ['TRADE_SUCCESS', 'TRADE_FINISHED']) {
      bodies[status] = (await sandboxPost(`/sandbox/trades/${payment.payNo}/notifications`, { tradeStatus: status, send: false })).body;
    }
    for (const status of order) expect(await deliverAlipayNotify(merchant.payId, bodies[status]!)).toEqual({ status: 200, text: 'success' });
    const events = await eventually(() => eventsOf(merchant, payment.payNo), (e) => e.length === 2);
    expect(events.map((e) => [e.providerStatus, e.outcome])).toEqual([
      [order[0], 'applied'],
      [order[1], 'ignored'],
    ]);
    expect((await paymentOf(merchant, payment.payNo)).status).toBe('SUCCEEDED');
  });
});

describe('forged and mismatched notifies', () => {
  // The test plays Alipay with its own key; page payments need no call to a provider that would
  // sign its replies with another.
  const alipay = alipayKeyPair();
  const createPagePayment = (m: Merchant) => createPayment(m, { method: 'alipay.page' });
  let merchant: Merchant;
  beforeAll(async () => {
    merchant = await createMerchant(target(), { name: 'callbacks-own-key', alipayPublicKeyPem: alipay.publicKeyPem });
  });


  async function expectRejected(payNo: string, body: string) {
    const before = await companyItems(merchant.companyId);
    const reply = await deliverAlipayNotify(merchant.payId, body);
    expect(reply.status).toBe(400);
    expect(reply.text).not.toBe('success');
    await new Promise((r) => setTimeout(r, 500));
    expect(await companyItems(merchant.companyId)).toEqual(before);
    expect((await paymentOf(merchant, payNo)).status).toBe('PENDING');
  }

  it('a notify signed with another key is rejected and changes nothing', async () => {
    const payment = await createPagePayment(merchant);
    await expectRejected(payment.payNo, signNotify(notifyFields(merchant, payment), alipayKeyPair().privateKeyPem));
  });

  it('a notify whose amount was changed after signing is rejected', async () => {
    const payment = await createPagePayment(merchant);
    const body = new URLSearchParams(signNotify(notifyFields(merchant, payment), alipay.privateKeyPem));
    body.set('total_amount', '0.01');
    await expectRejected(payment.payNo, body.toString());
  });

  it('a genuine notify for another amount, another app or an unknown payment is rejected', async () => {
    const payment = await createPagePayment(merchant);
    await expectRejected(payment.payNo, signNotify(notifyFields(merchant, payment, { total_amount: '0.01' }), alipay.privateKeyPem));
    await expectRejected(payment.payNo, signNotify(notifyFields(merchant, payment, { app_id: '2021000000000000' }), alipay.privateKeyPem));
    await expectRejected(payment.payNo, signNotify(notifyFields(merchant, { ...payment, payNo: 'P01JAAAAAAAAAAAAAAAAAAAAAA' }), alipay.privateKeyPem));
  });

  it('malformed bodies and unknown configs are rejected', async () => {
    const payment = await createPagePayment(merchant);
    await expectRejected(payment.payNo, 'not a form at all %%%');
    await expectRejected(payment.payNo, '');
    const res = await fetch(`${target().apiUrl}/callbacks/alipay/cfg_unknown`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: signNotify(notifyFields(merchant, payment), alipay.privateKeyPem),
    });
    expect(res.status).toBe(400);
  });

  it('a payId no config could have (over DynamoDB key size, odd characters) is refused at once on every provider, 4xx', async () => {
    for (const provider of ['alipay', 'wechat', 'unionpay', 'paypal']) {
      for (const payId of ['c'.repeat(3000), 'cfg%20x', '%E2%82%AC']) {
        const res = await fetch(`${target().apiUrl}/callbacks/${provider}/${payId}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: '{}',
        });
        expect(res.status, `${provider} ${payId.slice(0, 10)}`).toBeGreaterThanOrEqual(400);
        expect(res.status, `${provider} ${payId.slice(0, 10)}`).toBeLessThan(500);
      }
    }
  });

  it('a notify built and signed by the official alipay-sdk (as Alipay) is accepted and applied', async () => {
    const payment = await createPagePayment(merchant);
    // The SDK's own signer, with "Alipay's" key: it adds method, charset, version, sign_type and
    // timestamp, and signs every field with sign_type included (the content its checkNotifySign
    // tries first).
    const sdk = new AlipaySdk({ appId: merchant.alipay.appId, privateKey: alipay.privateKeyPem, keyType: 'PKCS8', alipayPublicKey: alipay.publicKeyPem });
    const fields = sdkSign('alipay.trade.notify', notifyFields(merchant, payment), sdk.config as never);
    expect(sdk.checkNotifySignV2(fields)).toBe(true);
    const reply = await deliverAlipayNotify(merchant.payId, new URLSearchParams(fields).toString());
    expect(reply).toEqual({ status: 200, text: 'success' });
    await eventually(() => paymentOf(merchant, payment.payNo), (p) => p.status === 'SUCCEEDED');
  });
});
