/**
 * WeChat Pay, UnionPay and PayPal end to end on the local stack: create → the buyer pays in the
 * provider's sandbox → its real signed callback → SQS FIFO → status worker → SUCCEEDED; and the
 * callback battery (duplicates, forgery, malformed bodies).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Merchant } from '../infra/local/merchants.ts';
import type { SandboxChannel } from '../infra/local/target.ts';
import { eventsOf, eventually, paymentOf } from './support/callbacks.ts';
import { call, companyItems, newMerchant, sampleBody, target } from './support/target.ts';

const providers: { channel: SandboxChannel; method: string; currency: string; action: string; success: string }[] = [
  { channel: 'wechat', method: 'wechat.native', currency: 'CNY', action: 'qr_code', success: 'SUCCESS' },
  { channel: 'unionpay', method: 'unionpay.app', currency: 'CNY', action: 'app_params', success: '00' },
  { channel: 'paypal', method: 'paypal.checkout', currency: 'USD', action: 'redirect', success: 'COMPLETED' },
];

async function sandbox(channel: SandboxChannel, path: string, body: unknown = {}): Promise<any> {
  const res = await fetch(`${target().sandbox![channel]!.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`${channel} sandbox ${path}: ${res.status} ${await res.text()}`);
  return res.json();
}

async function deliver(notification: { url: string; body: string; headers: Record<string, string> }, body = notification.body) {
  const res = await fetch(notification.url, { method: 'POST', headers: notification.headers, body });
  return { status: res.status, text: await res.text() };
}

describe.each(providers)('$channel', ({ channel, method, currency, action, success }) => {
  const hasSandbox = !!target().sandbox?.[channel];
  let merchant: Merchant;
  beforeAll(async () => {
    if (hasSandbox) merchant = await newMerchant(`e2e-${channel}`);
  });

  async function create() {
    const res = await call(merchant.apiKey, 'POST', '/v1/payments', {
      body: sampleBody({ method, currency, payId: merchant.payIds[channel], returnUrl: 'https://m.example/return' }),
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body).toMatchObject({ status: 'PENDING', channel, action: { type: action } });
    return res.body as { payNo: string };
  }

  it.skipIf(!hasSandbox)('the buyer pays → SUCCEEDED, applied once', async () => {
    const payment = await create();
    await sandbox(channel, `/sandbox/trades/${payment.payNo}/pay`);
    const paid = await eventually(() => paymentOf(merchant, payment.payNo), (p) => p.status === 'SUCCEEDED', 15_000);
    expect(paid.providerTradeNo).toEqual(expect.any(String));
    expect(paid.refundableAmount).toBe(1999);
    const events = await eventsOf(merchant, payment.payNo);
    expect(events.filter((e) => e.outcome === 'applied')).toHaveLength(1);
  });

  it.skipIf(!hasSandbox)('the same callback 5 times at once is applied once', async () => {
    const payment = await create();
    const notification = await sandbox(channel, `/sandbox/trades/${payment.payNo}/notifications`, { status: success, send: false });
    const replies = await Promise.all(Array.from({ length: 5 }, () => deliver(notification)));
    for (const reply of replies) expect(reply.status, reply.text).toBeLessThan(300);
    await eventually(() => paymentOf(merchant, payment.payNo), (p) => p.status === 'SUCCEEDED');
    await new Promise((r) => setTimeout(r, 1000));
    expect((await eventsOf(merchant, payment.payNo)).filter((e) => e.outcome === 'applied')).toHaveLength(1);
  });

  it.skipIf(!hasSandbox)('a tampered or malformed callback is rejected and changes nothing', async () => {
    const payment = await create();
    const notification = await sandbox(channel, `/sandbox/trades/${payment.payNo}/notifications`, { status: success, send: false });
    const before = await companyItems(merchant.companyId);
    // The amount where it is in clear (UnionPay's form, PayPal's JSON); else a byte of the
    // encrypted resource (WeChat).
    const tampered = /1999|19\.99/.test(notification.body)
      ? notification.body.replace('1999', '1998').replace('19.99', '19.98')
      : notification.body.replace(/"ciphertext":"(.)/, (_m: string, c: string) => `"ciphertext":"${c === 'A' ? 'B' : 'A'}`);
    expect(tampered).not.toBe(notification.body);
    for (const body of [tampered, 'garbage', '']) {
      const reply = await deliver(notification, body);
      expect(reply.status, `${body.slice(0, 40)}: ${reply.text}`).toBeGreaterThanOrEqual(400);
      expect(reply.status).toBeLessThan(500);
    }
    await new Promise((r) => setTimeout(r, 500));
    expect(await companyItems(merchant.companyId)).toEqual(before);
    expect((await paymentOf(merchant, payment.payNo)).status).toBe('PENDING');
  });
});

describe.skipIf(!target().sandbox?.paypal)('paypal ordering', () => {
  it('the capture\'s notification before the approval: SUCCEEDED once, the late approval acknowledged and not captured again', async () => {
    const merchant = await newMerchant('e2e-paypal-order');
    const res = await call(merchant.apiKey, 'POST', '/v1/payments', {
      body: sampleBody({ method: 'paypal.checkout', currency: 'USD', payId: merchant.payIds.paypal }),
    });
    expect(res.status).toBe(201);
    const { payNo } = res.body;
    const completed = await sandbox('paypal', `/sandbox/trades/${payNo}/notifications`, { status: 'COMPLETED', send: false });
    const approved = await sandbox('paypal', `/sandbox/trades/${payNo}/notifications`, { status: 'APPROVED', send: false });
    expect((await deliver(completed)).status).toBeLessThan(300);
    await eventually(() => paymentOf(merchant, payNo), (p) => p.status === 'SUCCEEDED');
    expect((await deliver(approved)).status).toBeLessThan(300);
    await new Promise((r) => setTimeout(r, 1000));
    const events = await eventsOf(merchant, payNo);
    expect(events.filter((e) => e.outcome === 'applied')).toHaveLength(1);
    expect((await paymentOf(merchant, payNo)).status).toBe('SUCCEEDED');
  });
});
