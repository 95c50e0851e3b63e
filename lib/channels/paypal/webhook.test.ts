/**
 * verifyCallback's verdicts, with webhooks signed by real keys: the PayPal sandbox's, and a local
 * certificate host built from the sandbox's own certificate and signing code.
 */
import { createPrivateKey } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sandboxCerts } from '../../../infra/local/sandbox/paypal/certs.ts';
import { startPayPalSandbox, type PayPalSandbox } from '../../../infra/local/sandbox/paypal/index.ts';
import { webhookHeaders } from '../../../infra/local/sandbox/paypal/protocol.ts';
import { ProviderUnavailable } from '../../domain/errors.ts';
import type { CallbackRequest } from '../channel.ts';
import type { PayPalConfig } from './config.ts';
import { paypal } from './index.ts';
import { callWith, checkout, newMerchant } from './testing.ts';

let sandbox: PayPalSandbox;
let config: PayPalConfig;
let certHost: Server;
let certOrigin: string;
let sign: (body: string, webhookId?: string) => Record<string, string>;

beforeAll(async () => {
  sandbox = await startPayPalSandbox({});
  config = await newMerchant(sandbox.url);
  const certs = await sandboxCerts();
  certHost = createServer((req, res) => {
    if (req.url === '/v1/notifications/certs/CERT-1') res.writeHead(200).end(certs.chainPem);
    else res.writeHead(500).end();
  });
  await new Promise<void>((resolve) => certHost.listen(0, '127.0.0.1', resolve));
  certOrigin = `http://127.0.0.1:${(certHost.address() as AddressInfo).port}`;
  const key = createPrivateKey(certs.signingKeyPem);
  sign = (body, webhookId = 'WH1') => webhookHeaders(body, webhookId, `${certOrigin}/v1/notifications/certs/CERT-1`, key, new Date());
});
afterAll(async () => {
  await sandbox.close();
  await new Promise<void>((resolve) => certHost.close(() => resolve()));
});

/** A config trusting the local certificate host, webhook id WH1. */
const local = () => callWith({ ...config, webhookId: 'WH1', certHosts: [certOrigin] });
const signed = (body: string, headers = sign(body)): CallbackRequest => ({ headers, rawBody: body });

async function created(): Promise<{ payNo: string; orderId: string }> {
  const request = checkout(1234, 'EUR');
  const outcome = await paypal.create(callWith(config), request);
  if (outcome.outcome !== 'created') throw new Error('not created');
  return { payNo: request.payNo, orderId: outcome.providerTradeNo! };
}

async function notification(payNo: string, status: string): Promise<CallbackRequest & { eventId: string }> {
  const res = await fetch(`${sandbox.url}/sandbox/trades/${payNo}/notifications`, { method: 'POST', body: JSON.stringify({ status, send: false }) });
  const made = (await res.json()) as { eventId: string; body: string; headers: Record<string, string> };
  return { eventId: made.eventId, headers: made.headers, rawBody: made.body };
}

const event = (type: string, resource: object) => JSON.stringify({ id: 'WH-1', event_type: type, create_time: '2026-01-01T00:00:00Z', resource });

describe('paypal verifyCallback', () => {
  it('turns CHECKOUT.ORDER.APPROVED into an approval and PAYMENT.CAPTURE.COMPLETED into a SUCCEEDED event', async () => {
    const { payNo, orderId } = await created();
    const approved = await notification(payNo, 'APPROVED');
    expect(await paypal.verifyCallback(callWith(config), approved)).toEqual({
      ok: true,
      approval: { eventId: `paypal-${approved.eventId}`, payNo, channel: 'paypal', providerStatus: 'APPROVED', providerTradeNo: orderId, amount: 1234, currency: 'EUR' },
    });
    const completed = await notification(payNo, 'COMPLETED');
    expect(await paypal.verifyCallback(callWith(config), completed)).toMatchObject({
      ok: true,
      event: { eventId: `paypal-${completed.eventId}`, payNo, status: 'SUCCEEDED', providerStatus: 'COMPLETED', providerTradeNo: orderId, amount: 1234, currency: 'EUR', paidAt: expect.any(String) },
    });
  });

  it("is bad_signature for a changed body, another app's webhook (its webhook id), or the sandbox's badsign fault", async () => {
    const { payNo } = await created();
    const approved = await notification(payNo, 'APPROVED');
    const tampered = approved.rawBody.replace('"12.34"', '"12.35"');
    expect(tampered).not.toBe(approved.rawBody);
    expect(await paypal.verifyCallback(callWith(config), { ...approved, rawBody: tampered })).toMatchObject({ ok: false, reason: 'bad_signature' });
    // No wrong_merchant here: the webhook id is only in the signed string, so another app's webhook cannot verify.
    const other = await newMerchant(sandbox.url);
    expect(await paypal.verifyCallback(callWith(other), approved)).toMatchObject({ ok: false, reason: 'bad_signature' });
    await fetch(`${sandbox.url}/sandbox/faults`, { method: 'POST', body: JSON.stringify({ mode: 'badsign', count: 1, merchant: config.clientId }) });
    expect(await paypal.verifyCallback(callWith(config), await notification(payNo, 'APPROVED'))).toMatchObject({ ok: false, reason: 'bad_signature' });
    expect(await paypal.verifyCallback(callWith(config), await notification(payNo, 'APPROVED'))).toMatchObject({ ok: true });
  });

  it('is bad_signature when stale or when the certificate is not on a listed host', async () => {
    const body = event('PAYMENT.CAPTURE.COMPLETED', {});
    const headers = sign(body);
    const later = { ...local(), now: () => new Date(Date.now() + 5 * 60_000 + 1000) };
    expect(await paypal.verifyCallback(later, signed(body, headers))).toMatchObject({ reason: 'bad_signature', detail: expect.stringContaining('more than 5 min') });
    expect(await paypal.verifyCallback(callWith({ ...config, webhookId: 'WH1' }), signed(body, headers))).toMatchObject({ reason: 'bad_signature', detail: expect.stringContaining("not on PayPal's hosts") });
  });

  it('is malformed without the headers, with another algorithm or time format, or a body that is no event', async () => {
    const body = event('PAYMENT.CAPTURE.COMPLETED', {});
    const { 'paypal-transmission-sig': _, ...unsigned } = sign(body);
    expect(await paypal.verifyCallback(local(), signed(body, unsigned))).toMatchObject({ reason: 'malformed' });
    expect(await paypal.verifyCallback(local(), signed(body, { ...sign(body), 'paypal-auth-algo': 'SHA1withRSA' }))).toMatchObject({ reason: 'malformed' });
    expect(await paypal.verifyCallback(local(), signed(body, { ...sign(body), 'paypal-transmission-time': 'yesterday' }))).toMatchObject({ reason: 'malformed' });
    expect(await paypal.verifyCallback(local(), signed('not json'))).toMatchObject({ reason: 'malformed', detail: 'body is not JSON' });
    expect(await paypal.verifyCallback(local(), signed(JSON.stringify({ id: 'WH-1' })))).toMatchObject({ reason: 'malformed' });
    expect(await paypal.verifyCallback(local(), signed(JSON.stringify({ id: 'WH 1', event_type: 'X', resource: {} })))).toMatchObject({ reason: 'malformed', detail: expect.stringContaining('event id') });
    // A completed capture must say how much and for which payment.
    expect(await paypal.verifyCallback(local(), signed(body))).toMatchObject({ reason: 'malformed' });
    const noPayNo = event('PAYMENT.CAPTURE.COMPLETED', { id: 'C1', status: 'COMPLETED', amount: { currency_code: 'USD', value: '1.00' } });
    expect(await paypal.verifyCallback(local(), signed(noPayNo))).toMatchObject({ reason: 'malformed' });
  });

  it('acknowledges declines (under both names) without an event; a refund event must carry a refund; other events are unsupported', async () => {
    const capture = { id: 'C1', status: 'DECLINED', amount: { currency_code: 'USD', value: '1.00' }, custom_id: 'P1' };
    for (const type of ['PAYMENT.CAPTURE.DENIED', 'PAYMENT.CAPTURE.DECLINED']) {
      expect(await paypal.verifyCallback(local(), signed(event(type, capture)))).toEqual({ ok: true, acknowledged: expect.stringContaining('declined') });
    }
    expect(await paypal.verifyCallback(local(), signed(event('PAYMENT.CAPTURE.REFUNDED', capture)))).toMatchObject({ ok: false, reason: 'malformed' });
    const foreign = { id: 'RF1', status: 'COMPLETED', amount: { currency_code: 'USD', value: '1.00' } };
    expect(await paypal.verifyCallback(local(), signed(event('PAYMENT.CAPTURE.REFUNDED', foreign)))).toEqual({ ok: true, acknowledged: expect.stringContaining('not made by payee') });
    expect(await paypal.verifyCallback(local(), signed(event('PAYMENT.CAPTURE.REVERSED', capture)))).toMatchObject({ ok: false, reason: 'unsupported' });
  });

  it('throws ProviderUnavailable when the certificate host answers 5xx, so PayPal is asked to retry', async () => {
    const body = event('PAYMENT.CAPTURE.COMPLETED', {});
    const headers = { ...sign(body), 'paypal-cert-url': `${certOrigin}/v1/notifications/certs/CERT-DOWN` };
    await expect(paypal.verifyCallback(local(), signed(body, headers))).rejects.toThrow(ProviderUnavailable);
  });
});
