/** Refund outcomes against the local WeChat Pay sandbox over real HTTP: REFUND.* notifications and the refund query. */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWechatSandbox } from '../../../infra/local/sandbox/wechat/index.ts';
import { ProviderUnavailable } from '../../domain/errors.ts';
import { providerHttp } from '../../http/provider-http.ts';
import type { CallbackVerdict, ChannelCall, ProviderPaymentRef } from '../channel.ts';
import { wechatConfigSchema, type WechatDirectConfig } from './config.ts';
import { wechat } from './index.ts';

let sandbox: { url: string; close(): Promise<void> };
let receiver: ReturnType<typeof createServer>;
let callbackUrl = '';
let config: WechatDirectConfig;
/** Every notification the fake payee endpoint received, verified with `config`. */
const received: CallbackVerdict[] = [];

const call = (c = config, timeoutMs = 2000): ChannelCall<WechatDirectConfig> => ({ config: c, http: providerHttp, timeoutMs, now: () => new Date() });

async function hook(path: string, body?: unknown): Promise<any> {
  const res = await fetch(`${sandbox.url}${path}`, body === undefined ? {} : { method: 'POST', body: JSON.stringify(body) });
  if (res.status >= 300) throw new Error(`${path}: ${res.status} ${await res.text()}`);
  return res.status === 204 ? undefined : res.json();
}

async function merchant(): Promise<WechatDirectConfig> {
  return wechatConfigSchema.parse((await hook('/sandbox/merchants', {})).payeeConfig);
}

beforeAll(async () => {
  sandbox = await startWechatSandbox({ notifyTimeScale: 1 / 1000 });
  config = await merchant();
  receiver = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const headers = Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, Array.isArray(v) ? v[0] : v]));
    const verdict = await wechat.verifyCallback(call(), { headers, rawBody: Buffer.concat(chunks).toString('utf8') });
    received.push(verdict);
    const reply = verdict.ok ? wechat.callbackReplies.accepted : wechat.callbackReplies.rejected;
    res.writeHead(reply.statusCode, { 'content-type': reply.contentType }).end(reply.body);
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  callbackUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/callbacks/wechat/x`;
});
afterAll(async () => {
  await sandbox.close();
  receiver.closeAllConnections();
  await new Promise((resolve) => receiver.close(resolve));
});

let seq = 0;
async function paid(amount = 1999): Promise<ProviderPaymentRef> {
  const payNo = `P${process.pid}W${Date.now()}N${++seq}`;
  const created = await wechat.create(call(), { createdAt: new Date(), payNo, method: 'wechat.native', subject: '退款', amount, currency: 'CNY', expiresAt: new Date(Date.now() + 600_000), callbackUrl });
  expect(created.outcome).toBe('created');
  const trade = await hook(`/sandbox/trades/${payNo}/pay`, {});
  return { payNo, amount, currency: 'CNY', providerTradeNo: trade.transactionId };
}

const refundsOf = (refundNo: string) => received.flatMap((v) => (v.ok && 'refund' in v && v.refund.refundNo === refundNo ? [v.refund] : []));
async function notified(refundNo: string) {
  const deadline = Date.now() + 5000;
  while (refundsOf(refundNo).length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
  return refundsOf(refundNo);
}

describe('wechat refunds', () => {
  it('a refund answered PROCESSING settles a moment later: REFUND.SUCCESS notified and verified, query SUCCEEDED', async () => {
    const payment = await paid();
    const refundNo = `R${payment.payNo}`;
    const outcome = await wechat.refund(call(), { payment, refundNo, amount: 500, callbackUrl });
    expect(outcome).toMatchObject({ outcome: 'processing', providerRefundNo: expect.stringMatching(/^50000\d{24}$/) });
    expect(await wechat.queryRefund(call(), { payment, refundNo })).toMatchObject({ status: 'PROCESSING', amount: 500, providerStatus: 'PROCESSING' });
    const [event] = await notified(refundNo);
    expect(event).toEqual({
      kind: 'refund',
      eventId: expect.stringMatching(/^wechat-/),
      payNo: payment.payNo,
      refundNo,
      channel: 'wechat',
      status: 'SUCCEEDED',
      providerStatus: 'SUCCESS',
      providerRefundNo: outcome.outcome === 'processing' ? outcome.providerRefundNo : '',
      amount: 500,
      currency: 'CNY',
      tradeAmount: 1999,
      notifiedAt: expect.any(String),
    });
    expect(await wechat.queryRefund(call(), { payment, refundNo })).toMatchObject({ status: 'SUCCEEDED', amount: 500, providerStatus: 'SUCCESS' });
  });

  it('a held refund rejected later: query PROCESSING, then ABNORMAL → FAILED by query and by its REFUND.ABNORMAL notification', async () => {
    const payment = await paid();
    const refundNo = `R${payment.payNo}`;
    await hook('/sandbox/refund-plan', { settle: 'hold', notify: false, merchant: config.mchid });
    expect(await wechat.refund(call(), { payment, refundNo, amount: 1999, callbackUrl })).toMatchObject({ outcome: 'processing' });
    await new Promise((r) => setTimeout(r, 1200));
    expect(await wechat.queryRefund(call(), { payment, refundNo })).toMatchObject({ status: 'PROCESSING' });
    expect(refundsOf(refundNo)).toEqual([]);

    await hook(`/sandbox/refunds/${refundNo}`, { status: 'ABNORMAL', notify: false });
    expect(await wechat.queryRefund(call(), { payment, refundNo })).toMatchObject({ status: 'FAILED', providerStatus: 'ABNORMAL' });
    const notification = await hook(`/sandbox/refunds/${refundNo}/notifications`, { send: false });
    const verdict = await wechat.verifyCallback(call(), { headers: lower(notification.headers), rawBody: notification.body });
    expect(verdict).toMatchObject({ ok: true, refund: { refundNo, status: 'FAILED', providerStatus: 'ABNORMAL', amount: 1999 } });
    // The same delivery verifies to the same event: the queue drops the duplicate.
    expect(await wechat.verifyCallback(call(), { headers: lower(notification.headers), rawBody: notification.body })).toEqual(verdict);
  });

  it('a tampered, re-signed-elsewhere or other-merchant refund notification is refused', async () => {
    const payment = await paid();
    const refundNo = `R${payment.payNo}`;
    await hook('/sandbox/refund-plan', { notify: false, merchant: config.mchid });
    await wechat.refund(call(), { payment, refundNo, amount: 100, callbackUrl });
    await new Promise((r) => setTimeout(r, 1200));
    const notification = await hook(`/sandbox/refunds/${refundNo}/notifications`, { send: false });
    const headers = lower(notification.headers);
    const tampered = notification.body.replace(/"ciphertext":"(.)/, (_m: string, c: string) => `"ciphertext":"${c === 'A' ? 'B' : 'A'}`);
    expect(await wechat.verifyCallback(call(), { headers, rawBody: tampered })).toMatchObject({ ok: false, reason: 'bad_signature' });
    const other = await merchant();
    // Another merchant's keys: the signature is WeChat's, but the resource does not decrypt with its APIv3 key.
    expect(await wechat.verifyCallback(call(other), { headers, rawBody: notification.body })).toMatchObject({ ok: false });
    expect(await wechat.verifyCallback(call({ ...config, mchid: '1900000001' }), { headers, rawBody: notification.body })).toMatchObject({ ok: false, reason: 'wrong_merchant' });
  });

  it('query: an unknown refundNo is NOT_FOUND; 5xx and timeouts are ProviderUnavailable', async () => {
    const payment = await paid();
    expect(await wechat.queryRefund(call(), { payment, refundNo: `R${payment.payNo}x` })).toEqual({ status: 'NOT_FOUND' });
    await hook('/sandbox/faults', { mode: 'http500', count: 1, merchant: config.mchid });
    await expect(wechat.queryRefund(call(), { payment, refundNo: 'R1' })).rejects.toBeInstanceOf(ProviderUnavailable);
    await hook('/sandbox/faults', { mode: 'timeout', count: 1, merchant: config.mchid });
    await expect(wechat.queryRefund(call(config, 300), { payment, refundNo: 'R1' })).rejects.toBeInstanceOf(ProviderUnavailable);
  });
});

const lower = (headers: Record<string, string>) => Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]));
