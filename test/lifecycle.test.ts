/**
 * The payment lifecycle after create (issue 6): close, sync and refunds end to end on the local
 * stack, against the Alipay sandbox.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Merchant } from '../infra/local/merchants.ts';
import { deliverAlipayNotify, eventsOf, eventually, paymentOf, sandboxPost } from './support/callbacks.ts';
import { call, companyItems, newMerchant, sampleBody, target } from './support/target.ts';

const hasSandbox = !!target().sandbox;

async function createPayment(merchant: Merchant, overrides: Record<string, unknown> = {}) {
  const res = await call(merchant.apiKey, 'POST', '/v1/payments', { body: sampleBody(overrides) });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body as { payNo: string; amount: number; status: string; action: { type: string; value: string } };
}

/** The buyer opens the QR code: Alipay creates the trade (WAIT_BUYER_PAY) only now. */
async function scan(qrUrl: string) {
  const res = await fetch(qrUrl);
  expect(res.status).toBe(200);
  await res.text();
}

/** Arms a fault for the merchant's Alipay app only (the hook answers without a body). */
async function fault(merchant: Merchant, mode: 'timeout' | 'http500', count = 1) {
  const res = await fetch(`${target().sandbox!.alipay.url}/sandbox/faults`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ mode, count, appId: merchant.alipay.appId }),
  });
  expect(res.ok).toBe(true);
  await res.text();
}

async function sandboxTrade(payNo: string) {
  const res = await fetch(`${target().sandbox!.alipay.url}/sandbox/trades/${payNo}`);
  expect(res.status).toBe(200);
  return res.json() as Promise<{ status: string }>;
}

/** A payment the buyer paid, applied: SUCCEEDED with refundableAmount = amount. */
async function paidPayment(merchant: Merchant, amount: number) {
  const payment = await createPayment(merchant, { amount });
  await sandboxPost(`/sandbox/trades/${payment.payNo}/pay`);
  await eventually(() => paymentOf(merchant, payment.payNo), (p) => p.status === 'SUCCEEDED');
  return payment;
}

const refund = (merchant: Merchant, payNo: string, body: unknown, key?: string) =>
  call(merchant.apiKey, 'POST', `/v1/payments/${payNo}/refunds`, { body, headers: key ? { 'Idempotency-Key': key } : {} });

describe.skipIf(!hasSandbox)('close', () => {
  let merchant: Merchant;
  beforeAll(async () => {
    merchant = await newMerchant('lifecycle-close');
  });

  it('closes an unpaid payment at the provider and here: CLOSED, with its event', async () => {
    const payment = await createPayment(merchant);
    await scan(payment.action.value);
    expect((await sandboxTrade(payment.payNo)).status).toBe('WAIT_BUYER_PAY');

    const closed = await call(merchant.apiKey, 'POST', `/v1/payments/${payment.payNo}/close`);
    expect(closed.status, JSON.stringify(closed.body)).toBe(200);
    expect(closed.body).toMatchObject({ payNo: payment.payNo, status: 'CLOSED', refundableAmount: 0 });
    expect((await sandboxTrade(payment.payNo)).status).toBe('TRADE_CLOSED');
    expect(await paymentOf(merchant, payment.payNo)).toMatchObject({ status: 'CLOSED' });
    // Applied once: by the close itself, or by Alipay's TRADE_CLOSED notify when it lands first.
    const events = await eventsOf(merchant, payment.payNo);
    const applied = events.filter((e) => e.outcome === 'applied');
    expect(applied).toEqual([expect.objectContaining({ fromStatus: 'PENDING', toStatus: 'CLOSED' })]);
    expect(events.map((e) => e.eventId)).toContain(`close-${payment.payNo}`);

    // Closed once is closed: a second close is a conflict naming the status.
    const again = await call(merchant.apiKey, 'POST', `/v1/payments/${payment.payNo}/close`);
    expect(again.status).toBe(409);
    expect(again.body.error).toMatchObject({ code: 'payment_not_closable' });
    expect(again.body.error.message).toContain('CLOSED');
  });

  it('a close racing the buyer\'s payment ends SUCCEEDED, never CLOSED; its callback then changes nothing', async () => {
    const payment = await createPayment(merchant);
    // The buyer pays; Alipay's notification is still on its way (built, not yet delivered).
    const notify = await sandboxPost(`/sandbox/trades/${payment.payNo}/notifications`, { tradeStatus: 'TRADE_SUCCESS', send: false });
    const closed = await call(merchant.apiKey, 'POST', `/v1/payments/${payment.payNo}/close`);
    expect(closed.status, JSON.stringify(closed.body)).toBe(200);
    expect(closed.body).toMatchObject({ status: 'SUCCEEDED', refundableAmount: payment.amount });
    expect(closed.body.providerTradeNo).toBeTruthy();
    expect((await sandboxTrade(payment.payNo)).status).toBe('TRADE_SUCCESS');

    expect(await deliverAlipayNotify(merchant.payId, notify.body)).toEqual({ status: 200, text: 'success' });
    const events = await eventually(() => eventsOf(merchant, payment.payNo), (e) => e.length === 2);
    expect(events.map((e) => [e.eventId === `close-paid-${payment.payNo}` ? 'close' : 'callback', e.outcome])).toEqual([
      ['close', 'applied'],
      ['callback', 'ignored'],
    ]);
    expect(await paymentOf(merchant, payment.payNo)).toMatchObject({ status: 'SUCCEEDED' });
  });

  it('pay in the sandbox, then close at once → SUCCEEDED whichever is applied first', async () => {
    const payment = await createPayment(merchant);
    const trade = await sandboxPost(`/sandbox/trades/${payment.payNo}/pay`);
    const closed = await call(merchant.apiKey, 'POST', `/v1/payments/${payment.payNo}/close`);
    // Either the close found the trade paid (and applied it), or the paid callback was applied first (409).
    if (closed.status === 200) expect(closed.body).toMatchObject({ status: 'SUCCEEDED', providerTradeNo: trade.tradeNo });
    else expect(closed.body.error.code).toBe('payment_not_closable');
    await new Promise((r) => setTimeout(r, 500));
    expect(await paymentOf(merchant, payment.payNo)).toMatchObject({ status: 'SUCCEEDED', providerTradeNo: trade.tradeNo });
    const applied = (await eventsOf(merchant, payment.payNo)).filter((e) => e.outcome === 'applied');
    expect(applied).toMatchObject([{ toStatus: 'SUCCEEDED' }]);
  });

  it('a paid callback after a close → SUCCEEDED (a late payment)', async () => {
    // An unscanned QR is no trade at Alipay yet: the close has nothing to close there, and the QR
    // stays payable until it expires; the buyer then pays it.
    const payment = await createPayment(merchant);
    const closed = await call(merchant.apiKey, 'POST', `/v1/payments/${payment.payNo}/close`);
    expect(closed.body).toMatchObject({ status: 'CLOSED' });
    await sandboxPost(`/sandbox/trades/${payment.payNo}/pay`);
    const paid = await eventually(() => paymentOf(merchant, payment.payNo), (p) => p.status === 'SUCCEEDED');
    expect(paid).toMatchObject({ refundableAmount: payment.amount });
    const events = await eventsOf(merchant, payment.payNo);
    expect(events.find((e) => e.toStatus === 'SUCCEEDED')).toMatchObject({ fromStatus: 'CLOSED', outcome: 'applied' });
  });

  it('refuses to close a paid payment, another company\'s payment, and a provider timeout changes nothing', async () => {
    const paid = await paidPayment(merchant, 500);
    const res = await call(merchant.apiKey, 'POST', `/v1/payments/${paid.payNo}/close`);
    expect(res.status).toBe(409);
    expect(res.body.error).toMatchObject({ code: 'payment_not_closable' });
    expect(res.body.error.message).toContain('SUCCEEDED');

    const other = await newMerchant('lifecycle-other');
    expect((await call(other.apiKey, 'POST', `/v1/payments/${paid.payNo}/close`)).status).toBe(404);

    const payment = await createPayment(merchant);
    await scan(payment.action.value);
    await fault(merchant, 'http500');
    const unavailable = await call(merchant.apiKey, 'POST', `/v1/payments/${payment.payNo}/close`);
    expect(unavailable.status).toBe(503);
    expect(await paymentOf(merchant, payment.payNo)).toMatchObject({ status: 'PENDING' });
    expect((await sandboxTrade(payment.payNo)).status).toBe('WAIT_BUYER_PAY');
  });
});

describe.skipIf(!hasSandbox)('sync', () => {
  let merchant: Merchant;
  beforeAll(async () => {
    merchant = await newMerchant('lifecycle-sync');
  });

  it('a provider timeout during sync → 503 and still PENDING', async () => {
    const payment = await createPayment(merchant);
    await scan(payment.action.value);
    await fault(merchant, 'timeout');
    const res = await call(merchant.apiKey, 'POST', `/v1/payments/${payment.payNo}/sync`);
    expect(res.status, JSON.stringify(res.body)).toBe(503);
    expect(res.body.error).toMatchObject({ code: 'provider_unavailable' });
    expect(await paymentOf(merchant, payment.payNo)).toMatchObject({ status: 'PENDING' });
    expect(await eventsOf(merchant, payment.payNo)).toEqual([]);
  });

  it('an unpaid payment: 202 with what the provider said, nothing queued', async () => {
    const payment = await createPayment(merchant);
    const unscanned = await call(merchant.apiKey, 'POST', `/v1/payments/${payment.payNo}/sync`);
    expect(unscanned.status).toBe(202);
    expect(unscanned.body).toMatchObject({ payment: { status: 'PENDING' }, provider: { status: 'NOT_FOUND' } });
    expect(unscanned.body.eventId).toBeUndefined();
    await scan(payment.action.value);
    const waiting = await call(merchant.apiKey, 'POST', `/v1/payments/${payment.payNo}/sync`);
    expect(waiting.body).toMatchObject({ provider: { status: 'PENDING', providerStatus: 'WAIT_BUYER_PAY' } });
  });

  it('a payment whose callback never came is applied through the queue and worker, once', async () => {
    // The buyer pays, but Alipay's notification is built and never sent: only a sync can tell.
    const payment = await createPayment(merchant);
    await sandboxPost(`/sandbox/trades/${payment.payNo}/notifications`, { tradeStatus: 'TRADE_SUCCESS', send: false });
    const first = await call(merchant.apiKey, 'POST', `/v1/payments/${payment.payNo}/sync`);
    expect(first.status).toBe(202);
    expect(first.body).toMatchObject({ provider: { status: 'SUCCEEDED', providerStatus: 'TRADE_SUCCESS', amount: payment.amount } });
    expect(first.body.eventId).toMatch(/^sync-/);
    const second = await call(merchant.apiKey, 'POST', `/v1/payments/${payment.payNo}/sync`);
    expect(second.body.eventId).toBe(first.body.eventId);
    await eventually(() => paymentOf(merchant, payment.payNo), (p) => p.status === 'SUCCEEDED');
    await new Promise((r) => setTimeout(r, 500));
    const events = await eventsOf(merchant, payment.payNo);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ eventId: first.body.eventId, outcome: 'applied', toStatus: 'SUCCEEDED' });
  });
});

describe.skipIf(!hasSandbox)('refunds', () => {
  let merchant: Merchant;
  beforeAll(async () => {
    merchant = await newMerchant('lifecycle-refunds');
  });

  it('10 concurrent refunds of 30% each: exactly 3 succeed; then the rest → REFUNDED', async () => {
    const payment = await paidPayment(merchant, 10_000);
    const replies = await Promise.all(
      Array.from({ length: 10 }, (_, i) => refund(merchant, payment.payNo, { amount: 3000, reason: `part ${i}` }, `conc-${payment.payNo}-${i}`)),
    );
    const statuses = replies.map((r) => r.status).sort();
    expect(statuses, JSON.stringify(replies.map((r) => r.body))).toEqual([201, 201, 201, 409, 409, 409, 409, 409, 409, 409]);
    for (const r of replies.filter((r) => r.status === 201)) expect(r.body).toMatchObject({ status: 'SUCCEEDED', amount: 3000 });
    for (const r of replies.filter((r) => r.status === 409)) expect(r.body.error).toMatchObject({ code: 'refund_exceeds_refundable', param: 'amount' });

    expect(await paymentOf(merchant, payment.payNo)).toMatchObject({ status: 'PARTIALLY_REFUNDED', refundableAmount: 1000 });
    const list = await call(merchant.apiKey, 'GET', `/v1/payments/${payment.payNo}/refunds`);
    expect(list.status).toBe(200);
    expect(list.body.data).toHaveLength(3);
    for (const r of list.body.data) expect(r).toMatchObject({ status: 'SUCCEEDED', amount: 3000, refundNo: expect.stringMatching(/^R[0-9A-Z]{26}$/) });

    const rest = await refund(merchant, payment.payNo, { amount: 1000 });
    expect(rest.status, JSON.stringify(rest.body)).toBe(201);
    expect(rest.body).toMatchObject({ status: 'SUCCEEDED', amount: 1000 });
    expect(await paymentOf(merchant, payment.payNo)).toMatchObject({ status: 'REFUNDED', refundableAmount: 0 });

    const more = await refund(merchant, payment.payNo, { amount: 1 });
    expect(more.status).toBe(409);
    expect(more.body.error.code).toBe('payment_not_refundable');
  });

  it('a replay with the same Idempotency-Key returns the first refund and refunds nothing more', async () => {
    const payment = await paidPayment(merchant, 2000);
    const key = `refund-${payment.payNo}`;
    const first = await refund(merchant, payment.payNo, { amount: 500 }, key);
    expect(first.status).toBe(201);
    const replay = await refund(merchant, payment.payNo, { amount: 500 }, key);
    expect(replay.status).toBe(201);
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
    expect(replay.body).toEqual(first.body);
    const other = await refund(merchant, payment.payNo, { amount: 600 }, key);
    expect(other.status).toBe(422);
    expect(await paymentOf(merchant, payment.payNo)).toMatchObject({ status: 'PARTIALLY_REFUNDED', refundableAmount: 1500 });
    expect((await call(merchant.apiKey, 'GET', `/v1/payments/${payment.payNo}/refunds`)).body.data).toHaveLength(1);
  });

  it('a provider timeout leaves the refund PENDING with its amount reserved; a retry with the key resumes it', async () => {
    const payment = await paidPayment(merchant, 2000);
    const key = `resume-${payment.payNo}`;
    await fault(merchant, 'http500');
    const failed = await refund(merchant, payment.payNo, { amount: 700 }, key);
    expect(failed.status, JSON.stringify(failed.body)).toBe(503);
    expect(await paymentOf(merchant, payment.payNo)).toMatchObject({ status: 'SUCCEEDED', refundableAmount: 1300 });
    const pending = (await call(merchant.apiKey, 'GET', `/v1/payments/${payment.payNo}/refunds`)).body.data;
    expect(pending).toMatchObject([{ status: 'PENDING', amount: 700 }]);

    const resumed = await refund(merchant, payment.payNo, { amount: 700 }, key);
    expect(resumed.status, JSON.stringify(resumed.body)).toBe(201);
    expect(resumed.body).toMatchObject({ refundNo: pending[0].refundNo, status: 'SUCCEEDED' });
    expect(await paymentOf(merchant, payment.payNo)).toMatchObject({ status: 'PARTIALLY_REFUNDED', refundableAmount: 1300 });
  });

  it('refuses bad input naming the field, unpaid payments and other companies, changing nothing', async () => {
    const payment = await paidPayment(merchant, 1000);
    const before = await companyItems(merchant.companyId);
    for (const [body, param] of [
      [{}, 'amount'],
      [{ amount: 0 }, 'amount'],
      [{ amount: 1.5 }, 'amount'],
      [{ amount: '100' }, 'amount'],
      [{ amount: 100, reason: '' }, 'reason'],
      [{ amount: 100, extra: 1 }, 'extra'],
    ] as const) {
      const res = await refund(merchant, payment.payNo, body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.error.param, JSON.stringify(body)).toBe(param);
    }
    const tooMuch = await refund(merchant, payment.payNo, { amount: 1001 });
    expect(tooMuch.status).toBe(409);
    expect(tooMuch.body.error.code).toBe('refund_exceeds_refundable');
    expect(await companyItems(merchant.companyId)).toEqual(before);

    const unpaid = await createPayment(merchant);
    const res = await refund(merchant, unpaid.payNo, { amount: 100 });
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('payment_not_refundable');

    const other = await newMerchant('lifecycle-refunds-other');
    expect((await refund(other, payment.payNo, { amount: 100 })).status).toBe(404);
    expect((await call(other.apiKey, 'GET', `/v1/payments/${payment.payNo}/refunds`)).status).toBe(404);
    expect(await paymentOf(merchant, payment.payNo)).toMatchObject({ status: 'SUCCEEDED', refundableAmount: 1000 });
  });
});
