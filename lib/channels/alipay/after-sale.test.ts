/** close and refund against the local Alipay sandbox over real HTTP, with the notifies they cause. */
import { generateKeyPairSync } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startAlipaySandbox, type AlipaySandbox } from '../../../infra/local/sandbox/alipay/index.ts';
import { ProviderUnavailable } from '../../domain/errors.ts';
import { providerHttp } from '../../http/provider-http.ts';
import type { ChannelCall, ProviderPaymentRef } from '../channel.ts';
import type { AlipayConfig } from './config.ts';
import { alipay } from './index.ts';
import { startNotifyReceiver, type NotifyReceiver } from './testing.ts';

const appKeys = generateKeyPairSync('rsa', { modulusLength: 2048 });
const APP_ID = '2021000000000004';

let sandbox: AlipaySandbox;
/** payee's notify endpoint: keeps every notify body, answers `success`. */
let receiver: NotifyReceiver;
let callbackUrl: string;

beforeAll(async () => {
  sandbox = await startAlipaySandbox({});
  sandbox.registerApp({ appId: APP_ID, appPublicKeyPem: appKeys.publicKey.export({ type: 'spki', format: 'pem' }).toString() });
  receiver = await startNotifyReceiver();
  callbackUrl = receiver.url;
});
afterAll(async () => {
  await sandbox.close();
  await receiver.close();
});

function call(timeoutMs = 2000): ChannelCall<AlipayConfig> {
  const config = alipay.configSchema.parse({
    appId: APP_ID,
    privateKey: appKeys.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    alipayPublicKey: sandbox.alipayPublicKeyPem,
    gatewayUrl: sandbox.gatewayUrl,
  });
  return { config, http: providerHttp, timeoutMs, now: () => new Date() };
}

const hook = (path: string, body: unknown = {}) => fetch(`${sandbox.url}${path}`, { method: 'POST', body: JSON.stringify(body) });
const trade = async (payNo: string) => (await (await fetch(`${sandbox.url}/sandbox/trades/${payNo}`)).json()) as Record<string, unknown>;
async function fault(mode: string, count = 1): Promise<void> {
  expect((await hook('/sandbox/faults', { mode, count })).status).toBe(204);
}
beforeEach(() => fault('timeout', 0));

let seq = 0;
/** A precreated QR payment; `scan` plays the buyer opening it (Alipay then has a trade). */
async function qrPayment(amount = 1000, { scan = true } = {}): Promise<ProviderPaymentRef> {
  const payNo = `P${process.pid}A${Date.now()}N${++seq}`;
  const created = await alipay.create(call(), { createdAt: new Date(),
    payNo,
    method: 'alipay.qr',
    subject: '退款测试',
    amount,
    currency: 'CNY',
    expiresAt: new Date(Date.now() + 30 * 60_000),
    callbackUrl,
  });
  if (created.outcome !== 'created' || created.action.type !== 'qr_code') throw new Error(JSON.stringify(created));
  if (scan) await fetch(created.action.value);
  return { payNo, amount, currency: 'CNY' };
}
async function paidPayment(amount = 1000): Promise<ProviderPaymentRef> {
  const payment = await qrPayment(amount);
  expect((await hook(`/sandbox/trades/${payment.payNo}/pay`)).status).toBe(200);
  return payment;
}
const refundNo = () => `R${process.pid}A${Date.now()}N${++seq}`;
const refundRequest = (payment: ProviderPaymentRef, amount: number, no = refundNo()) => ({ payment, refundNo: no, amount, reason: '测试退款', callbackUrl });

/** The verified notifies the sandbox sent for a payment so far, waiting for `count` of them. */
async function notifiesFor(payNo: string, count: number) {
  const deadline = Date.now() + 3000;
  for (;;) {
    const mine = receiver.bodies.filter((body) => new URLSearchParams(body).get('out_trade_no') === payNo);
    if (mine.length >= count || Date.now() > deadline) {
      return Promise.all(mine.map((rawBody) => alipay.verifyCallback(call(), { headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' }, rawBody })));
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('close', () => {
  it('closes a scanned, unpaid QR: it can no longer be paid, query says CLOSED, Alipay notifies TRADE_CLOSED', async () => {
    const payment = await qrPayment();
    expect(await alipay.close(call(), payment)).toEqual({ outcome: 'closed' });
    expect(await trade(payment.payNo)).toMatchObject({ status: 'TRADE_CLOSED' });
    expect((await hook(`/sandbox/trades/${payment.payNo}/pay`)).status).toBe(409);
    expect(await alipay.query(call(), { ...payment, createdAt: new Date() })).toMatchObject({ status: 'CLOSED', providerStatus: 'TRADE_CLOSED' });
    expect(await notifiesFor(payment.payNo, 1)).toMatchObject([{ ok: true, event: { status: 'CLOSED', payNo: payment.payNo, amount: 1000 } }]);
  });

  it('a retried close (the first reply lost) is closed too', async () => {
    const payment = await qrPayment();
    await fault('timeout');
    await expect(alipay.close(call(300), payment)).rejects.toBeInstanceOf(ProviderUnavailable);
    expect(await trade(payment.payNo)).toMatchObject({ status: 'TRADE_CLOSED' });
    expect(await alipay.close(call(), payment)).toEqual({ outcome: 'closed' });
  });

  it('a paid trade is not closed: paid, with the payment as Alipay reports it', async () => {
    const payment = await paidPayment(1234);
    const outcome = await alipay.close(call(), payment);
    expect(outcome).toMatchObject({ outcome: 'paid', payment: { status: 'SUCCEEDED', amount: 1234, providerStatus: 'TRADE_SUCCESS' } });
    if (outcome.outcome !== 'paid') throw new Error('expected paid');
    expect(outcome.payment.paidAt).toBeInstanceOf(Date);
    expect(await trade(payment.payNo)).toMatchObject({ status: 'TRADE_SUCCESS' });
  });

  it('an unscanned QR (ACQ.TRADE_NOT_EXIST) is closed for payee, but as at real Alipay it stays payable until time_expire', async () => {
    const payment = await qrPayment(1000, { scan: false });
    expect(await alipay.close(call(), payment)).toEqual({ outcome: 'closed' });
    // The hazard close.ts documents: a later scan and payment still succeed and are notified.
    expect((await hook(`/sandbox/trades/${payment.payNo}/pay`)).status).toBe(200);
    expect(await notifiesFor(payment.payNo, 1)).toMatchObject([{ ok: true, event: { status: 'SUCCEEDED' } }]);
  });

  it('maps HTTP 500 and code 20000 to ProviderUnavailable', async () => {
    const payment = await qrPayment();
    await fault('http500');
    await expect(alipay.close(call(), payment)).rejects.toBeInstanceOf(ProviderUnavailable);
    await fault('code20000');
    await expect(alipay.close(call(), payment)).rejects.toBeInstanceOf(ProviderUnavailable);
    expect(await trade(payment.payNo)).toMatchObject({ status: 'WAIT_BUYER_PAY' });
  });
});

describe('refund', () => {
  it('partial refunds summing to the total: the trade closes, query says REFUNDED; each refund is notified and verifies as a refund event', async () => {
    const payment = await paidPayment(1000);
    const first = refundRequest(payment, 300);
    expect(await alipay.refund(call(), first)).toEqual({ outcome: 'succeeded' });
    expect(await trade(payment.payNo)).toMatchObject({ status: 'TRADE_SUCCESS', refunds: [{ refundAmount: '3.00' }] });
    expect(await alipay.refund(call(), refundRequest(payment, 701))).toMatchObject({ outcome: 'refused', code: 'ACQ.REFUND_AMT_NOT_EQUAL_TOTAL' });
    const last = refundRequest(payment, 700);
    expect(await alipay.refund(call(), last)).toEqual({ outcome: 'succeeded' });
    expect(await trade(payment.payNo)).toMatchObject({ status: 'TRADE_CLOSED' });
    expect(await alipay.query(call(), { ...payment, createdAt: new Date() })).toMatchObject({ status: 'REFUNDED', providerStatus: 'TRADE_CLOSED', amount: 1000 });

    const [paid, partial, refunded] = await notifiesFor(payment.payNo, 3);
    expect(paid).toMatchObject({ ok: true, event: { status: 'SUCCEEDED' } });
    // refund_fee is the refunded total, not the refund's own amount: the event states the trade's amount instead.
    const refundEvent = { kind: 'refund', payNo: payment.payNo, channel: 'alipay', status: 'SUCCEEDED', currency: 'CNY', tradeAmount: 1000, eventId: expect.stringMatching(/^alipay-/) };
    expect(partial).toEqual({ ok: true, refund: { ...refundEvent, refundNo: first.refundNo, providerStatus: 'TRADE_SUCCESS', notifiedAt: expect.any(String) } });
    expect(refunded).toEqual({ ok: true, refund: { ...refundEvent, refundNo: last.refundNo, providerStatus: 'TRADE_CLOSED', notifiedAt: expect.any(String) } });
    expect(await alipay.queryRefund(call(), { payment, refundNo: first.refundNo })).toEqual({ status: 'SUCCEEDED', amount: 300, providerStatus: 'REFUND_SUCCESS' });
    expect(await alipay.queryRefund(call(), { payment, refundNo: refundNo() })).toEqual({ status: 'NOT_FOUND' });
    for (const mode of ['http500', 'timeout']) {
      await fault(mode);
      await expect(alipay.queryRefund(call(300), { payment, refundNo: first.refundNo }), mode).rejects.toBeInstanceOf(ProviderUnavailable);
    }
    const refundNotify = new URLSearchParams(receiver.bodies.filter((b) => b.includes(payment.payNo))[2]);
    expect(Object.fromEntries(refundNotify)).toMatchObject({ trade_status: 'TRADE_CLOSED', refund_fee: '10.00', out_biz_no: last.refundNo });
    expect(refundNotify.get('gmt_refund')).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}\.\d{3}$/);

    expect(await alipay.refund(call(), refundRequest(payment, 1))).toMatchObject({ outcome: 'refused', code: 'ACQ.TRADE_STATUS_ERROR' });
  });

  it('is idempotent per refundNo: a replay succeeds without refunding again; another amount is refused', async () => {
    const payment = await paidPayment(1000);
    const request = refundRequest(payment, 400);
    expect(await alipay.refund(call(), request)).toEqual({ outcome: 'succeeded' });
    expect(await alipay.refund(call(), request)).toEqual({ outcome: 'succeeded' });
    expect((await trade(payment.payNo)).refunds).toHaveLength(1);
    expect(await alipay.refund(call(), { ...request, amount: 500 })).toMatchObject({ outcome: 'refused', code: 'ACQ.DISCORDANT_REPEAT_REQUEST' });
  });

  it('a refund whose reply was lost is ProviderUnavailable; the retry succeeds and refunds once', async () => {
    const payment = await paidPayment(1000);
    const request = refundRequest(payment, 1000);
    await fault('badsign');
    await expect(alipay.refund(call(), request)).rejects.toBeInstanceOf(ProviderUnavailable);
    expect(await alipay.refund(call(), request)).toEqual({ outcome: 'succeeded' });
    expect(await trade(payment.payNo)).toMatchObject({ status: 'TRADE_CLOSED', refunds: [{ refundAmount: '10.00' }] });
  });

  it('a replay (fund_change N) that the refund query cannot confirm is ProviderUnavailable, never a success', async () => {
    const payment = await paidPayment(1000);
    const request = refundRequest(payment, 400);
    expect(await alipay.refund(call(), request)).toEqual({ outcome: 'succeeded' });
    const methods: string[] = [];
    const noRefundQuery: ChannelCall<AlipayConfig>['http'] = async (url, init) => {
      const method = new URL(url).searchParams.get('method') ?? '';
      methods.push(method);
      if (method === 'alipay.trade.fastpay.refund.query') throw new Error('connect ECONNRESET');
      return providerHttp(url, init);
    };
    await expect(alipay.refund({ ...call(), http: noRefundQuery }, request)).rejects.toBeInstanceOf(ProviderUnavailable);
    expect(methods).toEqual(['alipay.trade.refund', 'alipay.trade.fastpay.refund.query']);
  });

  it('refuses unpaid and finished trades with Alipay sub_codes; unknown outcomes are ProviderUnavailable', async () => {
    const unpaid = await qrPayment();
    expect(await alipay.refund(call(), refundRequest(unpaid, 100))).toMatchObject({ outcome: 'refused', code: 'ACQ.TRADE_STATUS_ERROR' });
    expect(await alipay.refund(call(), refundRequest({ ...unpaid, payNo: 'P-never' }, 100))).toMatchObject({ outcome: 'refused', code: 'ACQ.TRADE_NOT_EXIST' });
    const finished = await paidPayment();
    expect((await hook(`/sandbox/trades/${finished.payNo}/finish`)).status).toBe(200);
    expect(await alipay.refund(call(), refundRequest(finished, 100))).toMatchObject({ outcome: 'refused', code: 'ACQ.TRADE_HAS_FINISHED', message: '交易已完结' });

    const paid = await paidPayment();
    for (const mode of ['http500', 'code20000', 'timeout']) {
      await fault(mode);
      await expect(alipay.refund(call(300), refundRequest(paid, 100)), mode).rejects.toBeInstanceOf(ProviderUnavailable);
    }
    await expect(alipay.refund(call(), { ...refundRequest(paid, 100), payment: { ...paid, currency: 'USD' } })).rejects.toThrow(/CNY only/);
  });
});
