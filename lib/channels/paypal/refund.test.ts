/** Refund outcomes against the local PayPal sandbox over real HTTP: PAYMENT.CAPTURE.REFUNDED webhooks and the refund query. */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPayPalSandbox, type PayPalSandbox } from '../../../infra/local/sandbox/paypal/index.ts';
import { ProviderUnavailable } from '../../domain/errors.ts';
import { newRefundNo } from '../../domain/ids.ts';
import type { CallbackVerdict, ProviderPaymentRef } from '../channel.ts';
import type { PayPalConfig } from './config.ts';
import { paypal } from './index.ts';
import { callWith, checkout, newMerchant } from './testing.ts';

let sandbox: PayPalSandbox;
let config: PayPalConfig;
let receiver: Server;
/** Every webhook the fake payee listener received, verified. */
const received: CallbackVerdict[] = [];

beforeAll(async () => {
  sandbox = await startPayPalSandbox({ notifyTimeScale: 1 / 6000 });
  receiver = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const headers = Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, Array.isArray(v) ? v[0] : v]));
    const verdict = await paypal.verifyCallback(callWith(config), { headers, rawBody: Buffer.concat(chunks).toString('utf8') });
    received.push(verdict);
    res.writeHead(verdict.ok ? 200 : 400).end();
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  config = await newMerchant(sandbox.url, `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/callbacks/paypal/cfg1`);
});
afterAll(async () => {
  await sandbox.close();
  receiver.closeAllConnections();
  await new Promise((resolve) => receiver.close(resolve));
});

async function hook(path: string, body: unknown = {}): Promise<any> {
  const res = await fetch(`${sandbox.url}${path}`, { method: 'POST', body: JSON.stringify(body) });
  if (res.status >= 300) throw new Error(`${path}: ${res.status} ${await res.text()}`);
  return res.status === 204 ? undefined : res.json();
}

/** A captured order (the capture's own webhook is built, not sent). */
async function captured(amount = 1000): Promise<ProviderPaymentRef> {
  const request = checkout(amount, 'USD');
  const created = await paypal.create(callWith(config), request);
  if (created.outcome !== 'created') throw new Error('not created');
  await hook(`/sandbox/trades/${request.payNo}/notifications`, { status: 'COMPLETED', send: false });
  return { payNo: request.payNo, amount, currency: 'USD', providerTradeNo: created.providerTradeNo };
}

const refundsOf = (refundNo: string) => received.flatMap((v) => (v.ok && 'refund' in v && v.refund.refundNo === refundNo ? [v.refund] : []));
async function notified(refundNo: string) {
  for (let i = 0; i < 200 && refundsOf(refundNo).length === 0; i++) await new Promise((r) => setTimeout(r, 20));
  return refundsOf(refundNo);
}

describe('paypal refunds', () => {
  it('a completed refund is notified by PAYMENT.CAPTURE.REFUNDED, naming the refund and its payment; query says SUCCEEDED', async () => {
    const payment = await captured();
    const refundNo = newRefundNo();
    const outcome = await paypal.refund(callWith(config), { payment, refundNo, amount: 250, callbackUrl: '' });
    expect(outcome).toMatchObject({ outcome: 'succeeded', providerRefundNo: expect.any(String) });
    const providerRefundNo = (outcome as { providerRefundNo: string }).providerRefundNo;
    expect(await notified(refundNo)).toEqual([
      { kind: 'refund', eventId: expect.stringMatching(/^paypal-WH-/), payNo: payment.payNo, refundNo, channel: 'paypal', status: 'SUCCEEDED', providerStatus: 'COMPLETED', providerRefundNo, amount: 250, currency: 'USD', notifiedAt: expect.any(String) },
    ]);
    expect(await paypal.queryRefund(callWith(config), { payment, refundNo, providerRefundNo })).toEqual({ status: 'SUCCEEDED', providerStatus: 'COMPLETED', providerRefundNo, amount: 250 });
    // Without PayPal's id (a create that never answered): found through the order by invoice_id.
    expect(await paypal.queryRefund(callWith(config), { payment, refundNo })).toMatchObject({ status: 'SUCCEEDED', providerRefundNo });
  });

  it('a PENDING refund: processing, then completed by a hook; its webhook verifies once per event id, and a tampered one is refused', async () => {
    const payment = await captured();
    const refundNo = newRefundNo();
    await hook('/sandbox/refund-plan', { settle: 'hold', notify: false, merchant: config.clientId });
    expect(await paypal.refund(callWith(config), { payment, refundNo, amount: 1000, callbackUrl: '' })).toMatchObject({ outcome: 'processing' });
    expect(await paypal.queryRefund(callWith(config), { payment, refundNo })).toMatchObject({ status: 'PROCESSING', providerStatus: 'PENDING' });
    await hook(`/sandbox/refunds/${refundNo}`, { status: 'COMPLETED', notify: false });
    expect(await paypal.queryRefund(callWith(config), { payment, refundNo })).toMatchObject({ status: 'SUCCEEDED', amount: 1000 });
    expect(refundsOf(refundNo)).toEqual([]);
    const webhook = await hook(`/sandbox/refunds/${refundNo}/notifications`, { send: false });
    const verdict = await paypal.verifyCallback(callWith(config), { headers: webhook.headers, rawBody: webhook.body });
    expect(verdict).toMatchObject({ ok: true, refund: { refundNo, payNo: payment.payNo, status: 'SUCCEEDED', amount: 1000, eventId: `paypal-${webhook.eventId}` } });
    const tampered = webhook.body.replace('"10.00"', '"1.00"');
    expect(tampered).not.toBe(webhook.body);
    expect(await paypal.verifyCallback(callWith(config), { headers: webhook.headers, rawBody: tampered })).toMatchObject({ ok: false, reason: 'bad_signature' });
  });

  it('a refund PayPal fails later is FAILED by query (PayPal sends no webhook for it)', async () => {
    const payment = await captured();
    const refundNo = newRefundNo();
    await hook('/sandbox/refund-plan', { settle: 'FAILED', merchant: config.clientId });
    const outcome = await paypal.refund(callWith(config), { payment, refundNo, amount: 100, callbackUrl: '' });
    expect(outcome).toMatchObject({ outcome: 'processing' });
    await new Promise((r) => setTimeout(r, 1100));
    expect(await paypal.queryRefund(callWith(config), { payment, refundNo })).toMatchObject({ status: 'FAILED', providerStatus: 'FAILED' });
    expect(refundsOf(refundNo)).toEqual([]);
  });

  it('query: a refund PayPal never made is NOT_FOUND; 5xx is ProviderUnavailable', async () => {
    const payment = await captured();
    expect(await paypal.queryRefund(callWith(config), { payment, refundNo: newRefundNo() })).toEqual({ status: 'NOT_FOUND' });
    expect(await paypal.queryRefund(callWith(config), { payment, refundNo: newRefundNo(), providerRefundNo: 'NOPE0000000000000' })).toEqual({ status: 'NOT_FOUND' });
    await hook('/sandbox/faults', { mode: 'http500', count: 1, merchant: config.clientId });
    await expect(paypal.queryRefund(callWith(config), { payment, refundNo: newRefundNo(), providerRefundNo: 'X' })).rejects.toBeInstanceOf(ProviderUnavailable);
  });
});
