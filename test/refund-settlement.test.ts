/**
 * Refund outcomes that come later (issue 6): a refund the provider answered "processing" is settled
 * by its real signed notification (WeChat REFUND.*, UnionPay txnType 04, PayPal
 * PAYMENT.CAPTURE.REFUNDED) through the callbacks' FIFO queue and the status worker, or — when no
 * notification comes — by the reconciler's refund sweep asking the provider. Alipay answers refunds
 * at once; its lost answers are settled by the sweep. The stack's schedule runs the reconciler
 * every minute meanwhile: tests wait for outcomes, whichever run brings them.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Merchant } from '../infra/local/merchants.ts';
import type { SandboxChannel } from '../infra/local/target.ts';
import { eventually, paymentOf, sandboxPost } from './support/callbacks.ts';
import { call, companyItems, invokeFunction, newMerchant, sampleBody, target } from './support/target.ts';

const hasSandbox = !!target().sandbox;

interface Provider {
  channel: SandboxChannel;
  method: string;
  currency: string;
  /** The sandbox merchant's own id, read from its trade: refund plans are per merchant. */
  merchantOf(trade: any): string;
  /** The provider's word for a refund made, and for refunds it gives up on. */
  success: string;
  failures: string[];
  /** The hook body that settles a held refund with `word`, without notifying. */
  settle(word: string): Record<string, unknown>;
  /** Whether the provider notifies a failed refund (PayPal does not: the sweep finds it). */
  notifiesFailure: boolean;
  /** The word a sandbox refund (GET /sandbox/refunds/{refundNo}) has settled with, if any. */
  settledAs(refund: any): string | undefined;
}

const providers: Provider[] = [
  { channel: 'wechat', method: 'wechat.native', currency: 'CNY', merchantOf: (t) => t.mchid, success: 'SUCCESS', failures: ['ABNORMAL', 'CLOSED'], settle: (status) => ({ status, notify: false }), notifiesFailure: true, settledAs: (r) => r.refund.status },
  { channel: 'unionpay', method: 'unionpay.app', currency: 'CNY', merchantOf: (o) => o.merId, success: '00', failures: ['01'], settle: (respCode) => ({ respCode, notify: false }), notifiesFailure: true, settledAs: (r) => r.respCode },
  { channel: 'paypal', method: 'paypal.checkout', currency: 'USD', merchantOf: (t) => t.clientId, success: 'COMPLETED', failures: ['FAILED'], settle: (status) => ({ status, notify: false }), notifiesFailure: false, settledAs: (r) => r.status },
];

async function sandbox(channel: SandboxChannel | 'alipay', method: 'GET' | 'POST', path: string, body?: unknown): Promise<any> {
  const res = await fetch(`${target().sandbox![channel]!.url}${path}`, {
    method,
    ...(body === undefined ? {} : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${channel} sandbox ${method} ${path}: ${res.status} ${text}`);
  return text ? JSON.parse(text) : undefined;
}

async function deliver(notification: { url: string; body: string; headers: Record<string, string> }, body = notification.body) {
  const res = await fetch(notification.url, { method: 'POST', headers: notification.headers, body });
  return { status: res.status, text: await res.text() };
}

const refund = (merchant: Merchant, payNo: string, amount: number, key?: string) =>
  call(merchant.apiKey, 'POST', `/v1/payments/${payNo}/refunds`, { body: { amount }, headers: key ? { 'Idempotency-Key': key } : {} });
const refundsOf = async (merchant: Merchant, payNo: string) => (await call(merchant.apiKey, 'GET', `/v1/payments/${payNo}/refunds`)).body.data as any[];
const refundOf = async (merchant: Merchant, payNo: string, refundNo: string) => (await refundsOf(merchant, payNo)).find((r) => r.refundNo === refundNo);

/** Runs the reconciler now and then every 2 s until the refund has left `status` (its first check is due 15 s after it opened). */
async function sweptFrom(merchant: Merchant, payNo: string, refundNo: string, status: string) {
  return eventually(
    async () => {
      await invokeFunction('Reconciler', {});
      await new Promise((r) => setTimeout(r, 2000));
      return refundOf(merchant, payNo, refundNo);
    },
    (r) => r.status !== status,
    45_000,
  );
}

describe.each(providers)('$channel refunds', (p) => {
  const enabled = hasSandbox && !!target().sandbox?.[p.channel];
  let merchant: Merchant;
  let sandboxMerchant: string;
  beforeAll(async () => {
    if (enabled) merchant = await newMerchant(`refunds-${p.channel}`);
  });

  /** A payment of `amount` the buyer paid, applied: SUCCEEDED. */
  async function paid(amount = 1000) {
    const res = await call(merchant.apiKey, 'POST', '/v1/payments', {
      body: sampleBody({ method: p.method, currency: p.currency, amount, payId: merchant.payIds[p.channel], returnUrl: 'https://m.example/return' }),
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    const trade = await sandbox(p.channel, 'POST', `/sandbox/trades/${res.body.payNo}/pay`, {});
    sandboxMerchant = p.merchantOf(trade);
    await eventually(() => paymentOf(merchant, res.body.payNo), (pay) => pay.status === 'SUCCEEDED');
    return res.body as { payNo: string; amount: number };
  }

  const plan = (settle: string, notify: boolean, count = 1) => sandbox(p.channel, 'POST', '/sandbox/refund-plan', { settle, notify, count, merchant: sandboxMerchant });

  /** A refund of `amount` answered "processing" (PROCESSING unless its notification beat the reply). */
  async function processing(payNo: string, amount: number) {
    const res = await refund(merchant, payNo, amount);
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(['PROCESSING', 'SUCCEEDED']).toContain(res.body.status);
    return res.body as { refundNo: string; status: string };
  }

  it.skipIf(!enabled)('answered processing, then notified: SUCCEEDED; the payment PARTIALLY_REFUNDED, then REFUNDED', { timeout: 60_000 }, async () => {
    const payment = await paid(1000);
    await plan(p.success, true, 2);
    const first = await processing(payment.payNo, 400);
    expect(first.status).toBe('PROCESSING');
    await eventually(() => refundOf(merchant, payment.payNo, first.refundNo), (r) => r.status === 'SUCCEEDED');
    expect(await paymentOf(merchant, payment.payNo)).toMatchObject({ status: 'PARTIALLY_REFUNDED', refundableAmount: 600 });

    const rest = await processing(payment.payNo, 600);
    const done = await eventually(() => refundOf(merchant, payment.payNo, rest.refundNo), (r) => r.status === 'SUCCEEDED');
    expect(done.providerRefundNo).toEqual(expect.any(String));
    expect(await paymentOf(merchant, payment.payNo)).toMatchObject({ status: 'REFUNDED', refundableAmount: 0 });
  });

  it.skipIf(!enabled)('a notification delivered 4 times is applied once; a tampered one is refused and changes nothing', { timeout: 60_000 }, async () => {
    const payment = await paid(1000);
    await plan(p.success, false);
    const made = await processing(payment.payNo, 400);
    // Settled at the provider a moment later; its notification is built here and delivered by the test.
    await eventually(() => sandbox(p.channel, 'GET', `/sandbox/refunds/${made.refundNo}`), (r) => p.settledAs(r) === p.success, 5000);
    const notification = await sandbox(p.channel, 'POST', `/sandbox/refunds/${made.refundNo}/notifications`, { send: false });

    const before = await companyItems(merchant.companyId);
    const tampered = /"ciphertext":"/.test(notification.body)
      ? notification.body.replace(/"ciphertext":"(.)/, (_m: string, c: string) => `"ciphertext":"${c === 'A' ? 'B' : 'A'}`)
      : notification.body.replace('400', '40').replace('4.00', '0.40');
    expect(tampered).not.toBe(notification.body);
    for (const body of [tampered, 'garbage']) {
      const reply = await deliver(notification, body);
      expect(reply.status, reply.text).toBeGreaterThanOrEqual(400);
      expect(reply.status, reply.text).toBeLessThan(500);
    }
    expect(await companyItems(merchant.companyId)).toEqual(before);

    const replies = await Promise.all(Array.from({ length: 3 }, () => deliver(notification)));
    for (const reply of replies) expect(reply.status, reply.text).toBeLessThan(300);
    await eventually(() => refundOf(merchant, payment.payNo, made.refundNo), (r) => r.status === 'SUCCEEDED');
    const again = await deliver(notification);
    expect(again.status, again.text).toBeLessThan(300);
    await new Promise((r) => setTimeout(r, 1000));
    // Applied more than once, 3 × 400 would have made it REFUNDED.
    expect(await paymentOf(merchant, payment.payNo)).toMatchObject({ status: 'PARTIALLY_REFUNDED', refundableAmount: 600 });
    expect(await refundsOf(merchant, payment.payNo)).toMatchObject([{ refundNo: made.refundNo, status: 'SUCCEEDED', amount: 400 }]);
  });

  it.skipIf(!enabled)('a refund whose notification never comes is settled by the reconciler asking the provider', { timeout: 90_000 }, async () => {
    const payment = await paid(1000);
    await plan('hold', false);
    const made = await processing(payment.payNo, 1000);
    expect(made.status).toBe('PROCESSING');
    await sandbox(p.channel, 'POST', `/sandbox/refunds/${made.refundNo}`, p.settle(p.success));
    expect(await sweptFrom(merchant, payment.payNo, made.refundNo, 'PROCESSING')).toMatchObject({ status: 'SUCCEEDED', amount: 1000 });
    expect(await paymentOf(merchant, payment.payNo)).toMatchObject({ status: 'REFUNDED', refundableAmount: 0 });
  });

  it.skipIf(!enabled)('sync asks the provider about the payment\'s open refunds now and settles them', { timeout: 60_000 }, async () => {
    const payment = await paid(1000);
    await plan('hold', false);
    const made = await processing(payment.payNo, 1000);
    const early = await call(merchant.apiKey, 'POST', `/v1/payments/${payment.payNo}/sync`);
    expect(early.status, JSON.stringify(early.body)).toBe(202);
    expect(early.body.refunds).toEqual([{ refundNo: made.refundNo, outcome: 'processing' }]);
    await sandbox(p.channel, 'POST', `/sandbox/refunds/${made.refundNo}`, p.settle(p.success));
    const synced = await call(merchant.apiKey, 'POST', `/v1/payments/${payment.payNo}/sync`);
    expect(synced.body.refunds).toEqual([{ refundNo: made.refundNo, outcome: 'succeeded' }]);
    expect(await refundOf(merchant, payment.payNo, made.refundNo)).toMatchObject({ status: 'SUCCEEDED' });
    await eventually(() => paymentOf(merchant, payment.payNo), (pay) => pay.status === 'REFUNDED' && pay.refundableAmount === 0);
  });

  for (const word of p.failures) {
    it.skipIf(!enabled)(`a refund the provider ends ${word} is FAILED, and its amount can be refunded again`, { timeout: 90_000 }, async () => {
      const payment = await paid(1000);
      await plan(word, true);
      const made = await processing(payment.payNo, 700);
      expect(await paymentOf(merchant, payment.payNo)).toMatchObject({ refundableAmount: 300 });
      const failed = p.notifiesFailure
        ? await eventually(() => refundOf(merchant, payment.payNo, made.refundNo), (r) => r.status !== 'PROCESSING')
        : await sweptFrom(merchant, payment.payNo, made.refundNo, 'PROCESSING');
      expect(failed).toMatchObject({ status: 'FAILED', amount: 700, failure: { code: `REFUND_${word}` } });
      expect(await paymentOf(merchant, payment.payNo)).toMatchObject({ status: 'SUCCEEDED', refundableAmount: 1000 });
      // The provider gave it back too: all of it can be refunded now.
      const again = await processing(payment.payNo, 1000);
      await eventually(() => refundOf(merchant, payment.payNo, again.refundNo), (r) => r.status === 'SUCCEEDED');
      expect(await paymentOf(merchant, payment.payNo)).toMatchObject({ status: 'REFUNDED', refundableAmount: 0 });
    });
  }
});

describe.skipIf(!hasSandbox)('alipay refunds whose answer was lost', () => {
  let merchant: Merchant;
  beforeAll(async () => {
    merchant = await newMerchant('refunds-alipay');
  });

  async function paid(amount: number) {
    const res = await call(merchant.apiKey, 'POST', '/v1/payments', { body: sampleBody({ amount }) });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    await sandboxPost(`/sandbox/trades/${res.body.payNo}/pay`);
    await eventually(() => paymentOf(merchant, res.body.payNo), (pay) => pay.status === 'SUCCEEDED');
    return res.body as { payNo: string };
  }

  const fault = (mode: 'timeout' | 'http500') => sandbox('alipay', 'POST', '/sandbox/faults', { mode, count: 1, appId: merchant.alipay.appId });

  for (const [mode, what] of [
    ['timeout', 'made at Alipay (only the reply was lost) is settled by Alipay\'s refund notify'],
    ['http500', 'never made at Alipay is submitted again by the reconciler, with the same refundNo'],
  ] as const) {
    it(`a PENDING refund ${what}`, { timeout: 90_000 }, async () => {
      const payment = await paid(2000);
      await fault(mode);
      const lost = await refund(merchant, payment.payNo, 500, `lost-${payment.payNo}`);
      expect(lost.status, JSON.stringify(lost.body)).toBe(503);
      const [pending] = await refundsOf(merchant, payment.payNo);
      expect(pending).toMatchObject({ amount: 500 });
      const settled =
        mode === 'timeout'
          ? await eventually(() => refundOf(merchant, payment.payNo, pending.refundNo), (r) => r.status !== 'PENDING')
          : (expect(pending.status).toBe('PENDING'), await sweptFrom(merchant, payment.payNo, pending.refundNo, 'PENDING'));
      expect(settled).toMatchObject({ status: 'SUCCEEDED', amount: 500 });
      expect(await paymentOf(merchant, payment.payNo)).toMatchObject({ status: 'PARTIALLY_REFUNDED', refundableAmount: 1500 });
      const trade = await sandbox('alipay', 'GET', `/sandbox/trades/${payment.payNo}`);
      // Refunded once at Alipay, whichever way it got there.
      expect(trade.refunds).toMatchObject([{ outRequestNo: pending.refundNo, refundAmount: '5.00' }]);
    });
  }
});
