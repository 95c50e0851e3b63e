/** The channel against the local PayPal sandbox over real HTTP: create → approve → webhook → capture → query → refund / close. */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startPayPalSandbox, type PayPalSandbox } from '../../../infra/local/sandbox/paypal/index.ts';
import { providerHttp, type ProviderHttp } from '../../http/provider-http.ts';
import type { CallbackVerdict, PaymentEvent } from '../channel.ts';
import { ProviderUnavailable } from '../../domain/errors.ts';
import type { PayPalConfig } from './config.ts';
import { paypal } from './index.ts';
import { callWith, checkout, newMerchant } from './testing.ts';

let sandbox: PayPalSandbox;
let receiver: Server;
let config: PayPalConfig;
/** What the test webhook listener saw, and how it answers: 503 for the first `refuse` deliveries. */
const received: { verdict: CallbackVerdict; event?: PaymentEvent }[] = [];
let refuse = 0;

beforeAll(async () => {
  sandbox = await startPayPalSandbox({});
  // The webhook listener does what payee's callback does: verify, complete an approval (capture), answer.
  receiver = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', async () => {
      const headers = Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, String(v)]));
      const call = callWith(config);
      const verdict = await paypal.verifyCallback(call, { headers, rawBody: Buffer.concat(chunks).toString('utf8') });
      const event = !verdict.ok ? undefined : 'event' in verdict ? verdict.event : 'approval' in verdict ? await paypal.complete!(call, verdict.approval) : undefined;
      received.push({ verdict, event });
      const reply = refuse-- > 0 ? paypal.callbackReplies.retryLater : verdict.ok ? paypal.callbackReplies.accepted : paypal.callbackReplies.rejected;
      res.writeHead(reply.statusCode, { 'content-type': reply.contentType }).end(reply.body);
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  config = await newMerchant(sandbox.url, `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/callbacks/paypal/cfg1`);
});
afterAll(async () => {
  await sandbox.close();
  await new Promise<void>((resolve) => receiver.close(() => resolve()));
});

async function fault(mode: string, count = 1): Promise<void> {
  const res = await fetch(`${sandbox.url}/sandbox/faults`, { method: 'POST', body: JSON.stringify({ mode, count, merchant: config.clientId }) });
  expect(res.status).toBe(204);
}
beforeEach(async () => {
  await fault('timeout', 0);
  refuse = 0;
});

async function until<T>(what: () => T | undefined, ms = 5000): Promise<T> {
  for (const end = Date.now() + ms; Date.now() < end; await new Promise((r) => setTimeout(r, 20))) {
    const found = what();
    if (found !== undefined) return found;
  }
  throw new Error('timed out waiting');
}

const pay = (payNo: string) => fetch(`${sandbox.url}/sandbox/trades/${payNo}/pay`, { method: 'POST' });

describe('paypal channel', () => {
  it('declares its method, currencies and secret', () => {
    expect(paypal.methods).toEqual(['paypal.checkout']);
    expect(paypal.currencies).toEqual(['USD', 'EUR', 'JPY', 'CNY']);
    expect(paypal.secretFields).toEqual(['clientSecret']);
    expect(paypal.configSchema.parse({ clientId: 'a', clientSecret: 'b', webhookId: 'W' })).toMatchObject({
      baseUrl: 'https://api-m.paypal.com',
      certHosts: ['api.paypal.com', 'api-m.paypal.com', 'api.sandbox.paypal.com', 'api-m.sandbox.paypal.com'],
    });
    expect(paypal.configSchema.safeParse({ clientId: 'a', clientSecret: 'b', webhookId: 'W', certHosts: ['http://x/path'] }).success).toBe(false);
  });

  it('creates an order: a redirect to its approve link; the order id is the trade no; idempotent on payNo', async () => {
    const request = checkout(500, 'JPY');
    const created = await paypal.create(callWith(config), request);
    expect(created).toMatchObject({ outcome: 'created', action: { type: 'redirect', value: expect.stringContaining(`${sandbox.url}/sandbox/approve/`) } });
    if (created.outcome !== 'created') throw new Error('not created');
    expect(created.action.value).toBe(`${sandbox.url}/sandbox/approve/${created.providerTradeNo}`);
    const trade = (await (await fetch(`${sandbox.url}/sandbox/trades/${request.payNo}`)).json()) as Record<string, any>;
    expect(trade.purchase_units[0]).toMatchObject({ custom_id: request.payNo, invoice_id: request.payNo, reference_id: request.payNo, amount: { currency_code: 'JPY', value: '500' } });
    expect(await paypal.create(callWith(config), request)).toEqual(created);
    // The caller's payment ref carries the order id: query looks orders up by it (index.ts query).
    const ref = { payNo: request.payNo, amount: 500, currency: 'JPY', providerTradeNo: created.providerTradeNo };
    expect(await paypal.query(callWith(config), { ...ref, createdAt: new Date() })).toMatchObject({
      status: 'PENDING',
      providerStatus: 'CREATED',
      amount: 500,
      currency: 'JPY',
    });
  });

  it('pays end to end: APPROVED webhook → capture → SUCCEEDED; then PAYMENT.CAPTURE.COMPLETED; query, refunds', async () => {
    const request = checkout(1999, 'USD');
    const created = await paypal.create(callWith(config), request);
    if (created.outcome !== 'created') throw new Error('not created');
    const orderId = created.providerTradeNo!;
    refuse = 1; // the first delivery is answered 503: PayPal transmits it again
    expect((await pay(request.payNo)).status).toBe(200);

    const captured = await until(() => received.find((r) => r.event?.payNo === request.payNo && r.event.eventId.startsWith('paypal-capture-'))?.event);
    expect(captured).toMatchObject({ payNo: request.payNo, channel: 'paypal', status: 'SUCCEEDED', providerTradeNo: orderId, amount: 1999, currency: 'USD' });
    const completed = await until(() => received.find((r) => r.event?.payNo === request.payNo && r.event.eventId.startsWith('paypal-WH-'))?.event);
    expect(completed).toMatchObject({ status: 'SUCCEEDED', providerStatus: 'COMPLETED', providerTradeNo: orderId, amount: 1999, paidAt: captured.paidAt });
    // Both the refused and the retried transmission captured: the same capture, the same event id.
    const approvalsOf = () => received.filter((r) => r.verdict.ok && 'approval' in r.verdict && r.verdict.approval.payNo === request.payNo);
    const approvals = await until(() => (approvalsOf().length === 2 ? approvalsOf() : undefined));
    expect(new Set(approvals.map((a) => a.event!.eventId)).size).toBe(1);
    const deliveries = (await (await fetch(`${sandbox.url}/sandbox/trades/${request.payNo}/deliveries`)).json()) as { eventType: string; status: number; transmissionId: string }[];
    expect(deliveries.filter((d) => d.eventType === 'CHECKOUT.ORDER.APPROVED').map((d) => d.status)).toEqual([503, 200]);
    expect(new Set(deliveries.map((d) => d.transmissionId)).size).toBe(deliveries.length);

    const ref = { payNo: request.payNo, amount: 1999, currency: 'USD', providerTradeNo: orderId };
    expect(await paypal.query(callWith(config), { ...ref, createdAt: new Date() })).toMatchObject({ status: 'SUCCEEDED', amount: 1999, currency: 'USD', providerTradeNo: orderId, paidAt: new Date(captured.paidAt!) });
    expect(await paypal.close(callWith(config), ref)).toMatchObject({ outcome: 'paid', payment: { status: 'SUCCEEDED' } });

    const refund = (refundNo: string, amount: number) => paypal.refund(callWith(config), { payment: ref, refundNo, amount, reason: 'sorry', callbackUrl: '' });
    const first = await refund(`R1${request.payNo}`, 999);
    expect(first).toMatchObject({ outcome: 'succeeded', providerRefundNo: expect.any(String) });
    expect(await refund(`R1${request.payNo}`, 999)).toEqual(first);
    expect(await refund(`R2${request.payNo}`, 1001)).toEqual({ outcome: 'refused', code: 'REFUND_AMOUNT_EXCEEDED', message: expect.any(String) });
    expect(await refund(`R3${request.payNo}`, 1000)).toMatchObject({ outcome: 'succeeded' });
    expect(await paypal.query(callWith(config), { ...ref, createdAt: new Date() })).toMatchObject({ status: 'REFUNDED', providerStatus: 'COMPLETED/REFUNDED' });
    expect(await refund(`R4${request.payNo}`, 1)).toMatchObject({ outcome: 'refused', code: 'not_captured' });
  });

  it('closes an unpaid order at payee only; an unknown order is NOT_FOUND; refunds need a capture', async () => {
    const request = checkout(100, 'EUR');
    const created = await paypal.create(callWith(config), request);
    if (created.outcome !== 'created') throw new Error('not created');
    const ref = { payNo: request.payNo, amount: 100, currency: 'EUR', providerTradeNo: created.providerTradeNo };
    expect(await paypal.close(callWith(config), ref)).toEqual({ outcome: 'closed' });
    expect(await paypal.refund(callWith(config), { payment: ref, refundNo: 'R9', amount: 100, callbackUrl: '' })).toMatchObject({ outcome: 'refused', code: 'not_captured' });
    const unknown = { ...ref, providerTradeNo: 'NOSUCHORDER000000' };
    expect(await paypal.query(callWith(config), { ...unknown, createdAt: new Date() })).toEqual({ status: 'NOT_FOUND' });
    await expect(paypal.query(callWith(config), { createdAt: new Date(), payNo: request.payNo, currency: 'EUR' })).rejects.toThrow(ProviderUnavailable);
  });

  it('refuses what PayPal refuses, and unknown credentials', async () => {
    expect(await paypal.create(callWith(config), checkout(0))).toMatchObject({ outcome: 'refused', code: 'CANNOT_BE_ZERO_OR_NEGATIVE' });
    expect(await paypal.create(callWith({ ...config, clientSecret: 'wrong' }), checkout())).toMatchObject({ outcome: 'refused', code: 'invalid_client' });
    await expect(paypal.create(callWith(config), { ...checkout(), currency: 'GBP' })).rejects.toMatchObject({ code: 'currency_not_supported' });
  });

  it('maps a timeout and a 500 to ProviderUnavailable', async () => {
    await paypal.create(callWith(config), checkout()); // a token in the cache, so the fault hits the create
    await fault('timeout');
    await expect(paypal.create(callWith(config, providerHttp, 300), checkout())).rejects.toThrow(ProviderUnavailable);
    await fault('http500');
    await expect(paypal.create(callWith(config), checkout())).rejects.toThrow(ProviderUnavailable);
    expect(await paypal.create(callWith(config), checkout())).toMatchObject({ outcome: 'created' });
  });

  it('keeps its token per app until near expiry, and takes a new one once on a 401', async () => {
    const merchant = await newMerchant(sandbox.url);
    const calls: string[] = [];
    let revoke = false;
    const http: ProviderHttp = (url, request) => {
      calls.push(new URL(url).pathname);
      const headers = { ...request.headers };
      if (revoke && headers.authorization?.startsWith('Bearer ')) {
        revoke = false;
        headers.authorization = 'Bearer revoked';
      }
      return providerHttp(url, { ...request, headers });
    };
    await paypal.create(callWith(merchant, http), checkout());
    await paypal.create(callWith(merchant, http), checkout());
    expect(calls.filter((p) => p === '/v1/oauth2/token')).toHaveLength(1);
    revoke = true;
    expect(await paypal.create(callWith(merchant, http), checkout())).toMatchObject({ outcome: 'created' });
    expect(calls.filter((p) => p === '/v1/oauth2/token')).toHaveLength(2);
    // Nine hours later (PayPal's lifetime), less the margin: a new token.
    const later = { ...callWith(merchant, http), now: () => new Date(Date.now() + 9 * 3600_000 - 60_000) };
    await paypal.create(later, checkout());
    expect(calls.filter((p) => p === '/v1/oauth2/token')).toHaveLength(3);
  });
});
