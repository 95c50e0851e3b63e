/**
 * The scheduled reconciler (issue 6) on the local stack: expired payments are closed at the
 * provider's sandbox and here; a provider timeout leaves a payment PENDING. The stack's schedule
 * runs the same function every minute meanwhile, on every test's payments: these tests wait for
 * outcomes, whichever run brings them, and arm faults for their own merchant only.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Merchant } from '../infra/local/merchants.ts';
import type { SandboxChannel } from '../infra/local/target.ts';
import { eventsOf, eventually, paymentOf } from './support/callbacks.ts';
import { call, companyItems, invokeFunction, newMerchant, sampleBody, target } from './support/target.ts';

const hasSandbox = !!target().sandbox;
const EXPIRES_IN = 60;

type Channel = 'alipay' | SandboxChannel;
const sandboxUrl = (channel: Channel) => target().sandbox![channel]!.url;

async function sandbox(channel: Channel, method: 'GET' | 'POST', path: string, body?: unknown) {
  const res = await fetch(`${sandboxUrl(channel)}${path}`, {
    method,
    ...(body === undefined ? {} : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }),
  });
  const text = await res.text();
  return { status: res.status, body: text.startsWith('{') ? JSON.parse(text) : text };
}

async function createPayment(merchant: Merchant, overrides: Record<string, unknown>) {
  const res = await call(merchant.apiKey, 'POST', '/v1/payments', { body: sampleBody({ expiresIn: EXPIRES_IN, ...overrides }) });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  expect(res.body).toMatchObject({ status: 'PENDING' });
  return res.body as { payNo: string; expiresAt: string; action: { type: string; value: string } };
}

/** Until expiresAt has passed (and the provider's own second-precision expiry with it). */
async function untilExpired(payment: { expiresAt: string }) {
  const wait = Date.parse(payment.expiresAt) + 1500 - Date.now();
  if (wait > 0) await new Promise((r) => setTimeout(r, wait));
}

/** The payment's table item as stored, keys included (tests only: a Scan). */
async function storedItem(merchant: Merchant, payNo: string) {
  return (await companyItems(merchant.companyId)).find((i) => i.PK === `PAY#${payNo}` && i.SK === 'PAY')!;
}

/** After expiry: run the reconciler now and wait for CLOSED (the schedule's run may be the one that does it). */
async function reconciledClosed(merchant: Merchant, payNo: string) {
  await invokeFunction('Reconciler', {});
  const closed = await eventually(() => paymentOf(merchant, payNo), (p) => p.status !== 'PENDING', 20_000);
  expect(closed).toMatchObject({ status: 'CLOSED', refundableAmount: 0 });
  const events = await eventsOf(merchant, payNo);
  expect(events).toMatchObject([
    { eventId: `expire-${payNo}`, status: 'CLOSED', providerStatus: 'EXPIRED', outcome: 'applied', fromStatus: 'PENDING', toStatus: 'CLOSED' },
  ]);
  // Off the reconciler's work list.
  const item = await storedItem(merchant, payNo);
  expect(item.GSI1PK).toBeUndefined();
  expect(item.GSI1SK).toBeUndefined();
}

describe.skipIf(!hasSandbox).concurrent('an expired payment', () => {
  let merchant: Merchant;
  beforeAll(async () => {
    merchant = await newMerchant('reconcile-expiry');
  });

  // The longest (two schedule periods): first, so that it starts at once (concurrent tests start a few at a time, in order).
  it('a provider timeout during reconciliation leaves it PENDING with nothing recorded (never FAILED); a later run closes it', { timeout: 240_000 }, async () => {
    // A merchant of its own: every call of its Alipay app times out (the schedule's runs included) until cleared.
    const merchant = await newMerchant('reconcile-timeout');
    const faults = async (count: number) => {
      const res = await sandbox('alipay', 'POST', '/sandbox/faults', { mode: 'timeout', count, appId: merchant.alipay.appId });
      expect(res.status).toBeLessThan(300);
    };
    const payment = await createPayment(merchant, { method: 'alipay.qr' });
    expect((await fetch(payment.action.value)).status).toBe(200);
    await faults(1000);
    try {
      await untilExpired(payment);
      await invokeFunction('Reconciler', {});
      // Whichever run got to it first, the close timed out: nothing changed but the next check.
      const item = await storedItem(merchant, payment.payNo);
      expect(item).toMatchObject({ status: 'PENDING', version: 2, GSI1PK: expect.stringMatching(/^OPEN#/) });
      expect(Date.parse(item.nextCheckAt as string)).toBeGreaterThanOrEqual(Date.parse(payment.expiresAt) + 60_000);
      expect(await paymentOf(merchant, payment.payNo)).toMatchObject({ status: 'PENDING' });
      expect(await eventsOf(merchant, payment.payNo)).toEqual([]);
    } finally {
      await faults(0);
    }
    // The provider answers again: the schedule's next run at the deferred check closes it.
    const closed = await eventually(() => paymentOf(merchant, payment.payNo), (p) => p.status !== 'PENDING', 150_000);
    expect(closed).toMatchObject({ status: 'CLOSED' });
    expect((await eventsOf(merchant, payment.payNo)).map((e) => e.eventId)).toEqual([`expire-${payment.payNo}`]);
  });

  it('is on the work list while open, due at its expiry when that comes before 5 minutes', async () => {
    const payment = await createPayment(merchant, {});
    const item = await storedItem(merchant, payment.payNo);
    expect(item).toMatchObject({ nextCheckAt: payment.expiresAt, GSI1PK: expect.stringMatching(/^OPEN#[0-7]$/), GSI1SK: `${payment.expiresAt}#${payment.payNo}` });
    const later = await createPayment(merchant, { expiresIn: 3600 });
    const laterItem = await storedItem(merchant, later.payNo);
    expect(Date.parse(laterItem.nextCheckAt as string) - Date.parse(laterItem.createdAt as string)).toBe(5 * 60_000);
  });

  it('Alipay, scanned: closed at the sandbox (TRADE_CLOSED, no longer payable) and here', { timeout: 150_000 }, async () => {
    const payment = await createPayment(merchant, { method: 'alipay.qr' });
    // The buyer opens the QR code: the trade exists at Alipay, waiting for payment.
    expect((await fetch(payment.action.value)).status).toBe(200);
    expect((await sandbox('alipay', 'GET', `/sandbox/trades/${payment.payNo}`)).body).toMatchObject({ status: 'WAIT_BUYER_PAY' });
    await untilExpired(payment);
    await reconciledClosed(merchant, payment.payNo);
    expect((await sandbox('alipay', 'GET', `/sandbox/trades/${payment.payNo}`)).body).toMatchObject({ status: 'TRADE_CLOSED' });
    expect((await sandbox('alipay', 'POST', `/sandbox/trades/${payment.payNo}/pay`, {})).status).toBe(409);
  });

  it('Alipay, never scanned: no trade to close at Alipay, and its QR can no longer be paid; CLOSED here', { timeout: 150_000 }, async () => {
    const payment = await createPayment(merchant, { method: 'alipay.qr' });
    await untilExpired(payment);
    await reconciledClosed(merchant, payment.payNo);
    expect((await sandbox('alipay', 'POST', `/sandbox/trades/${payment.payNo}/pay`, {})).status).toBe(409);
  });

  it('WeChat Pay: closed at the sandbox (CLOSED, no longer payable) and here', { timeout: 150_000 }, async () => {
    const payment = await createPayment(merchant, { method: 'wechat.native', payId: merchant.payIds.wechat });
    expect((await sandbox('wechat', 'GET', `/sandbox/trades/${payment.payNo}`)).body).toMatchObject({ state: 'NOTPAY' });
    await untilExpired(payment);
    await reconciledClosed(merchant, payment.payNo);
    expect((await sandbox('wechat', 'GET', `/sandbox/trades/${payment.payNo}`)).body).toMatchObject({ state: 'CLOSED' });
    expect((await sandbox('wechat', 'POST', `/sandbox/trades/${payment.payNo}/pay`, {})).status).toBe(409);
  });

  it('UnionPay (no close for an unpaid order; payTimeout has passed) and PayPal (no order expiry): CLOSED here', { timeout: 150_000 }, async () => {
    const unionpay = await createPayment(merchant, { method: 'unionpay.app', payId: merchant.payIds.unionpay });
    const paypal = await createPayment(merchant, { method: 'paypal.checkout', currency: 'USD', payId: merchant.payIds.paypal });
    await untilExpired(paypal);
    await Promise.all([reconciledClosed(merchant, unionpay.payNo), reconciledClosed(merchant, paypal.payNo)]);
  });

  it('paid at the provider before expiry, its callback lost: SUCCEEDED, never CLOSED', { timeout: 150_000 }, async () => {
    const payment = await createPayment(merchant, { method: 'alipay.qr' });
    // The buyer pays; Alipay's notification is built and never sent.
    await sandbox('alipay', 'POST', `/sandbox/trades/${payment.payNo}/notifications`, { tradeStatus: 'TRADE_SUCCESS', send: false });
    await untilExpired(payment);
    await invokeFunction('Reconciler', {});
    const paid = await eventually(() => paymentOf(merchant, payment.payNo), (p) => p.status !== 'PENDING', 20_000);
    expect(paid).toMatchObject({ status: 'SUCCEEDED', refundableAmount: 1999 });
    const applied = (await eventsOf(merchant, payment.payNo)).filter((e) => e.outcome === 'applied');
    expect(applied).toMatchObject([{ eventId: `close-paid-${payment.payNo}`, toStatus: 'SUCCEEDED' }]);
  });
});
