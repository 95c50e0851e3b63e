/** The PayPal sandbox over HTTP with a plain client: PayPal's API semantics, the hooks, and webhook delivery with retries. */
import { X509Certificate } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHAIN_FILE } from './certs.ts';
import { startPayPalSandbox, type PayPalSandbox } from './index.ts';
import { crc32 } from './protocol.ts';
import { RETRY_INTERVALS_MS } from './webhooks.ts';

let sandbox: PayPalSandbox;
let listener: Server;
let listenerUrl: string;
const hits: { headers: Record<string, string>; body: string }[] = [];
let failFirst = 0;

beforeAll(async () => {
  sandbox = await startPayPalSandbox({});
  listener = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      hits.push({ headers: req.headers as Record<string, string>, body: Buffer.concat(chunks).toString('utf8') });
      res.writeHead(failFirst-- > 0 ? 500 : 204).end();
    });
  });
  await new Promise<void>((resolve) => listener.listen(0, '127.0.0.1', resolve));
  listenerUrl = `http://127.0.0.1:${(listener.address() as AddressInfo).port}/hook`;
});
afterAll(async () => {
  await sandbox.close();
  await new Promise<void>((resolve) => listener.close(() => resolve()));
});

const json = async (res: Response) => ({ status: res.status, body: (await res.json()) as any });
const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
  fetch(`${sandbox.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });

async function merchant(webhookUrl?: string) {
  const { body } = await json(await post('/sandbox/merchants', webhookUrl ? { webhookUrl } : {}));
  const { clientId, clientSecret } = body.payeeConfig;
  const token = await json(
    await fetch(`${sandbox.url}/v1/oauth2/token`, {
      method: 'POST',
      headers: { authorization: `Basic ${Buffer.from(`${clientId}:${clientSecret}`).toString('base64')}`, 'content-type': 'application/x-www-form-urlencoded' },
      body: 'grant_type=client_credentials',
    }),
  );
  return { config: body.payeeConfig, auth: { authorization: `Bearer ${token.body.access_token}` }, token };
}

let seq = 0;
const order = (payNo: string, value = '10.00', currency = 'USD') => ({
  intent: 'CAPTURE',
  purchase_units: [{ reference_id: payNo, custom_id: payNo, invoice_id: payNo, amount: { currency_code: currency, value } }],
  application_context: { return_url: 'https://shop.example/back', cancel_url: 'https://shop.example/back' },
});
const payNo = () => `S${process.pid}N${++seq}`;

describe('paypal sandbox', () => {
  it('registers merchants: a payeeConfig pointing at itself, and tokens only for the right secret', async () => {
    const m = await merchant();
    expect(m.config).toEqual({ clientId: expect.any(String), clientSecret: expect.any(String), webhookId: expect.stringMatching(/^[A-Z0-9]{17}$/), baseUrl: sandbox.url, certHosts: [sandbox.url] });
    expect(m.token.body).toMatchObject({ token_type: 'Bearer', expires_in: 32400 });
    const wrong = await fetch(`${sandbox.url}/v1/oauth2/token`, {
      method: 'POST',
      headers: { authorization: `Basic ${Buffer.from(`${m.config.clientId}:nope`).toString('base64')}` },
      body: 'grant_type=client_credentials',
    });
    expect(wrong.status).toBe(401);
    expect((await fetch(`${sandbox.url}/v2/checkout/orders/X`, { headers: { authorization: 'Bearer nope' } })).status).toBe(401);
  });

  it("creates idempotently per PayPal-Request-Id, keeps orders per app, refuses JPY decimals, captures only approved orders", async () => {
    const m = await merchant();
    const no = payNo();
    const first = await json(await post('/v2/checkout/orders', order(no), { ...m.auth, 'paypal-request-id': no }));
    expect(first).toMatchObject({ status: 201, body: { status: 'CREATED', links: expect.arrayContaining([{ rel: 'approve', href: `${sandbox.url}/sandbox/approve/${first.body.id}`, method: 'GET' }]) } });
    expect((await json(await post('/v2/checkout/orders', order(no), { ...m.auth, 'paypal-request-id': no }))).body.id).toBe(first.body.id);
    const other = await merchant();
    expect((await fetch(`${sandbox.url}/v2/checkout/orders/${first.body.id}`, { headers: other.auth })).status).toBe(404);
    expect((await json(await post('/v2/checkout/orders', order(payNo(), '1.5', 'JPY'), m.auth))).body.details[0].issue).toBe('DECIMAL_PRECISION');
    const early = await json(await post(`/v2/checkout/orders/${first.body.id}/capture`, {}, { ...m.auth, 'paypal-request-id': `c${no}` }));
    expect(early).toMatchObject({ status: 422, body: { details: [{ issue: 'ORDER_NOT_APPROVED' }] } });
  });

  it('the approve page approves and returns the buyer to return_url', async () => {
    const m = await merchant();
    const created = await json(await post('/v2/checkout/orders', order(payNo()), m.auth));
    expect(await (await fetch(`${sandbox.url}/sandbox/approve/${created.body.id}`)).text()).toContain('Pay 10.00 USD');
    const back = await fetch(`${sandbox.url}/sandbox/approve/${created.body.id}`, { method: 'POST', redirect: 'manual' });
    expect(back.status).toBe(303);
    expect(back.headers.get('location')).toBe(`https://shop.example/back?token=${created.body.id}&PayerID=SANDBOXBUYER1`);
    expect((await json(await fetch(`${sandbox.url}/v2/checkout/orders/${created.body.id}`, { headers: m.auth }))).body.status).toBe('APPROVED');
  });

  it('pays: signed webhooks to the app URL, retried until 2xx, each a new transmission; then capture and refunds', async () => {
    const m = await merchant();
    await post(`/sandbox/merchants/${m.config.clientId}/webhook`, { webhookUrl: listenerUrl });
    const no = payNo();
    const created = await json(await post('/v2/checkout/orders', order(no, '10.00'), m.auth));
    failFirst = 1;
    const start = hits.length;
    expect((await json(await post(`/sandbox/trades/${no}/pay`, {}))).body).toMatchObject({ payNo: no, status: 'APPROVED' });
    for (let i = 0; i < 200 && hits.length < start + 2; i++) await new Promise((r) => setTimeout(r, 20));
    const [refused, retried] = hits.slice(start);
    expect(JSON.parse(retried!.body)).toMatchObject({ event_type: 'CHECKOUT.ORDER.APPROVED', resource: { id: created.body.id, status: 'APPROVED' } });
    expect(retried!.body).toBe(refused!.body);
    expect(retried!.headers['paypal-transmission-id']).not.toBe(refused!.headers['paypal-transmission-id']);
    expect(retried!.headers).toMatchObject({ 'paypal-auth-algo': 'SHA256withRSA', 'paypal-cert-url': expect.stringMatching(`^${sandbox.url}/v1/notifications/certs/CERT-`) });

    // The served certificate verifies the transmission (sandbox-side check of its own protocol).
    const chain = await (await fetch(retried!.headers['paypal-cert-url']!)).text();
    const leaf = new X509Certificate(chain);
    expect(leaf.subject).toContain('CN=messageverificationcerts.sandbox.paypal.com');
    const h = retried!.headers;
    const message = `${h['paypal-transmission-id']}|${h['paypal-transmission-time']}|${m.config.webhookId}|${crc32(Buffer.from(retried!.body))}`;
    const { verify } = await import('node:crypto');
    expect(verify('sha256', Buffer.from(message), leaf.publicKey, Buffer.from(h['paypal-transmission-sig']!, 'base64'))).toBe(true);

    const captured = await json(await post(`/v2/checkout/orders/${created.body.id}/capture`, {}, { ...m.auth, 'paypal-request-id': `c${no}` }));
    expect(captured).toMatchObject({ status: 201, body: { status: 'COMPLETED' } });
    const again = await json(await post(`/v2/checkout/orders/${created.body.id}/capture`, {}, { ...m.auth, 'paypal-request-id': `c${no}` }));
    expect(again.body).toEqual(captured.body);
    for (let i = 0; i < 200 && !hits.some((x) => x.body.includes('PAYMENT.CAPTURE.COMPLETED') && x.body.includes(no)); i++) await new Promise((r) => setTimeout(r, 20));
    const captureId = captured.body.purchase_units[0].payments.captures[0].id;
    const refund = (id: string, value: string) => post(`/v2/payments/captures/${captureId}/refund`, { amount: { currency_code: 'USD', value } }, { ...m.auth, 'paypal-request-id': id });
    const r1 = await json(await refund(`r1${no}`, '6.00'));
    expect(r1).toMatchObject({ status: 201, body: { status: 'COMPLETED', amount: { value: '6.00' } } });
    expect((await json(await refund(`r1${no}`, '6.00'))).body.id).toBe(r1.body.id);
    expect((await json(await refund(`r2${no}`, '4.01'))).body.details[0].issue).toBe('REFUND_AMOUNT_EXCEEDED');
    // The refund completed at once: PayPal notifies it (once: the repeated request made no new refund).
    for (let i = 0; i < 200 && !hits.some((x) => x.body.includes('PAYMENT.CAPTURE.REFUNDED') && x.body.includes(r1.body.id)); i++) await new Promise((r) => setTimeout(r, 20));
    const deliveries = (await json(await fetch(`${sandbox.url}/sandbox/trades/${no}/deliveries`))).body;
    expect(deliveries.map((d: { eventType: string; status: number }) => `${d.eventType} ${d.status}`)).toEqual([
      'CHECKOUT.ORDER.APPROVED 500',
      'CHECKOUT.ORDER.APPROVED 204',
      'PAYMENT.CAPTURE.COMPLETED 204',
      'PAYMENT.CAPTURE.REFUNDED 204',
    ]);
  });

  it('faults: a timeout takes effect without an answer; a 500 has no effect', async () => {
    const m = await merchant();
    await post('/sandbox/faults', { mode: 'http500', count: 1, merchant: m.config.clientId });
    const no = payNo();
    expect((await post('/v2/checkout/orders', order(no), m.auth)).status).toBe(500);
    expect((await fetch(`${sandbox.url}/sandbox/trades/${no}`)).status).toBe(404);
    await post('/sandbox/faults', { mode: 'timeout', count: 1, merchant: m.config.clientId });
    const hanging = fetch(`${sandbox.url}/v2/checkout/orders`, { method: 'POST', headers: m.auth, body: JSON.stringify(order(no)), signal: AbortSignal.timeout(300) });
    await expect(hanging).rejects.toThrow();
    expect((await json(await fetch(`${sandbox.url}/sandbox/trades/${no}`))).body).toMatchObject({ payNo: no, status: 'CREATED' });
  });

  it('retries on a 25-delivery schedule of about 3 days', () => {
    expect(RETRY_INTERVALS_MS).toHaveLength(24);
    const hours = RETRY_INTERVALS_MS.reduce((a, b) => a + b, 0) / 3_600_000;
    expect(hours).toBeGreaterThan(60);
    expect(hours).toBeLessThan(75);
  });

  it('keeps its certificate chain in keyDir across restarts', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'paypal-sandbox-'));
    try {
      const first = await startPayPalSandbox({ keyDir: dir });
      await first.close();
      const pem = await readFile(join(dir, CHAIN_FILE), 'utf8');
      const second = await startPayPalSandbox({ keyDir: dir });
      await second.close();
      expect(await readFile(join(dir, CHAIN_FILE), 'utf8')).toBe(pem);
    } finally {
      await rm(dir, { recursive: true });
    }
  });
});
