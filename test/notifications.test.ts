/**
 * Merchant notifications end to end on the local stack (issue 6 item 5): a status change writes
 * its notification in the same transaction, the table's stream relays it to the notify queue,
 * the notifier POSTs it signed to the merchant's endpoint (a real server in this process) and
 * retries on the schedule (compressed to seconds locally) until a 2xx.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { adminDepsFor, type Merchant } from '../infra/local/merchants.ts';
import { rotateNotifySecret } from '../lib/admin/companies.ts';
import { eventually, paymentOf, sandboxPost } from './support/callbacks.ts';
import { startMerchantEndpoint, type MerchantEndpoint } from './support/merchant-endpoint.ts';
import { call, companyItems, newMerchant, sampleBody, target } from './support/target.ts';

const hasSandbox = !!target().sandbox;
// Local only: the merchant endpoint is an http server on 127.0.0.1, which deployed stacks refuse.
const isLocal = !!target().chaosUrl;

/** The receiver's check exactly as docs/notifications.md describes it, written from the docs (not the lib). */
function verifyAsDocumented(secret: string, header: string, rawBody: string, nowSeconds = Math.floor(Date.now() / 1000)): boolean {
  const parts = Object.fromEntries(header.split(',').map((p) => p.split('=', 2) as [string, string]));
  const t = Number(parts.t);
  if (!Number.isInteger(t) || Math.abs(nowSeconds - t) > 300) return false;
  const expected = createHmac('sha256', secret).update(`${parts.t}.${rawBody}`).digest();
  const given = Buffer.from(parts.v1 ?? '', 'hex');
  return given.length === expected.length && timingSafeEqual(given, expected);
}

interface Attempt {
  n: number;
  at: string;
  statusCode?: number;
  error?: string;
  latencyMs: number;
}
interface NotificationView {
  notificationId: string;
  payNo: string;
  type: string;
  url: string;
  status: 'PENDING' | 'DELIVERED' | 'FAILED';
  attempts: Attempt[];
  nextAttemptAt?: string;
}

const notificationsOf = async (merchant: Merchant, payNo: string): Promise<NotificationView[]> => {
  const res = await call(merchant.apiKey, 'GET', `/v1/payments/${payNo}/notifications`);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body.data;
};

async function paidPayment(merchant: Merchant, notifyUrl: string | undefined, amount = 1999) {
  const created = await call(merchant.apiKey, 'POST', '/v1/payments', { body: sampleBody({ amount, ...(notifyUrl ? { notifyUrl } : {}) }) });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  const payNo = created.body.payNo as string;
  await sandboxPost(`/sandbox/trades/${payNo}/pay`);
  await eventually(() => paymentOf(merchant, payNo), (p) => p.status === 'SUCCEEDED');
  return payNo;
}

const bodiesFor = (endpoint: MerchantEndpoint, payNo: string) =>
  endpoint.received.filter((r) => JSON.parse(r.rawBody).data?.payNo === payNo);

describe.skipIf(!hasSandbox || !isLocal)('merchant notifications', () => {
  let merchant: Merchant;
  const endpoints: MerchantEndpoint[] = [];
  const endpoint = async () => {
    const e = await startMerchantEndpoint();
    endpoints.push(e);
    return e;
  };

  beforeAll(async () => {
    merchant = await newMerchant('notify');
  });
  afterEach(async () => {
    for (const e of endpoints.splice(0)) await e.close();
  });

  it('POSTs the payment, signed by the documented recipe, once; the attempt is listed', async () => {
    const merchantEndpoint = await endpoint();
    const payNo = await paidPayment(merchant, merchantEndpoint.url);
    const [delivered] = await eventually(() => notificationsOf(merchant, payNo), (n) => n[0]?.status === 'DELIVERED', 30_000);

    const received = bodiesFor(merchantEndpoint, payNo);
    expect(received).toHaveLength(1);
    const [request] = received as [(typeof received)[number]];
    expect(request.headers['content-type']).toBe('application/json');
    const header = String(request.headers['payee-signature']);
    expect(header).toMatch(/^t=\d+,v1=[0-9a-f]{64}$/);
    expect(verifyAsDocumented(merchant.notifySecret, header, request.rawBody)).toBe(true);
    // Any other secret, or a body changed by one byte, does not verify.
    expect(verifyAsDocumented(`${merchant.notifySecret}x`, header, request.rawBody)).toBe(false);
    expect(verifyAsDocumented(merchant.notifySecret, header, request.rawBody.replace('"SUCCEEDED"', '"SUCCEEDEd"'))).toBe(false);

    const body = JSON.parse(request.rawBody);
    const payment = await paymentOf(merchant, payNo);
    expect(body).toEqual({ id: delivered!.notificationId, type: 'payment.succeeded', createdAt: expect.any(String), data: payment });

    expect(delivered).toMatchObject({ payNo, type: 'payment.succeeded', url: merchantEndpoint.url, status: 'DELIVERED' });
    expect(delivered!.attempts).toEqual([{ n: 1, at: expect.any(String), statusCode: 200, latencyMs: expect.any(Number) }]);
    expect(delivered!.nextAttemptAt).toBeUndefined();
  });

  it('signs with the rotated secret, which the company item, like the first, holds sealed', async () => {
    // A merchant of its own: no notifier container has its first secret cached yet.
    const rotating = await newMerchant('notify-rotate');
    const companyItem = async () => (await companyItems(rotating.companyId)).find((item) => item.SK === 'CO')!;
    expect(JSON.stringify(await companyItem())).not.toContain('whsec_');
    const { notifySecret } = await rotateNotifySecret(adminDepsFor(target()), rotating.companyId);
    expect(notifySecret).not.toBe(rotating.notifySecret);
    expect(JSON.stringify(await companyItem())).not.toContain('whsec_');

    const merchantEndpoint = await endpoint();
    const payNo = await paidPayment(rotating, merchantEndpoint.url);
    await eventually(() => notificationsOf(rotating, payNo), (n) => n[0]?.status === 'DELIVERED', 30_000);
    const [request] = bodiesFor(merchantEndpoint, payNo) as [MerchantEndpoint['received'][number]];
    const header = String(request.headers['payee-signature']);
    expect(verifyAsDocumented(notifySecret, header, request.rawBody)).toBe(true);
    expect(verifyAsDocumented(rotating.notifySecret, header, request.rawBody)).toBe(false);
  });

  it('an endpoint answering 503, then down, then back → delivered once it recovers, every attempt logged', async () => {
    const merchantEndpoint = await endpoint();
    merchantEndpoint.answer(503);
    const payNo = await paidPayment(merchant, merchantEndpoint.url);
    // First attempt answered 503: the endpoint goes down (connection refused) for the next.
    await eventually(() => notificationsOf(merchant, payNo), (n) => n[0]?.attempts.length === 1, 30_000);
    await merchantEndpoint.down();
    const failing = await eventually(() => notificationsOf(merchant, payNo), (n) => n[0]!.attempts.length >= 2, 30_000);
    expect(failing[0]!.status).toBe('PENDING');
    expect(failing[0]!.nextAttemptAt).toEqual(expect.any(String));

    merchantEndpoint.answer(200);
    await merchantEndpoint.up();
    const [delivered] = await eventually(() => notificationsOf(merchant, payNo), (n) => n[0]?.status === 'DELIVERED', 60_000);
    const attempts = delivered!.attempts;
    expect(attempts.map((a) => a.n)).toEqual(attempts.map((_, i) => i + 1));
    expect(attempts[0]).toMatchObject({ statusCode: 503 });
    for (const refused of attempts.slice(1, -1)) {
      expect(refused.statusCode).toBeUndefined();
      expect(refused.error).toMatch(/ECONNREFUSED/);
    }
    expect(attempts.at(-1)).toMatchObject({ statusCode: 200 });
    // The waits follow the (compressed) schedule: each attempt after the one before.
    for (let i = 1; i < attempts.length; i++) expect(Date.parse(attempts[i]!.at)).toBeGreaterThan(Date.parse(attempts[i - 1]!.at));
    // Received twice (the 503 and the 200), the same signed body both times; nothing after delivery.
    const received = bodiesFor(merchantEndpoint, payNo);
    expect(received.map((r) => r.answered)).toEqual([503, 200]);
    expect(received[0]!.rawBody).toBe(received[1]!.rawBody);
    await new Promise((r) => setTimeout(r, 1500));
    expect(bodiesFor(merchantEndpoint, payNo)).toHaveLength(2);
  });

  it('a merchant that answers slowly → timed out, then retried and delivered', async () => {
    const merchantEndpoint = await endpoint();
    merchantEndpoint.delay(4000);
    const payNo = await paidPayment(merchant, merchantEndpoint.url);
    await eventually(async () => bodiesFor(merchantEndpoint, payNo), (r) => r.length === 1, 30_000);
    merchantEndpoint.delay(0);
    const [delivered] = await eventually(() => notificationsOf(merchant, payNo), (n) => n[0]?.status === 'DELIVERED', 30_000);
    const [timedOut, ok] = delivered!.attempts as [Attempt, Attempt];
    expect(delivered!.attempts).toHaveLength(2);
    expect(timedOut.statusCode).toBeUndefined();
    expect(timedOut.error).toMatch(/timed out after 2000 ms/);
    // The local stack's attempt timeout is 2 s.
    expect(timedOut.latencyMs).toBeGreaterThanOrEqual(1900);
    expect(timedOut.latencyMs).toBeLessThan(3500);
    expect(ok).toMatchObject({ n: 2, statusCode: 200 });
  });

  it('resends the payment as it is now, as a new notification; 409 without a notifyUrl', async () => {
    const merchantEndpoint = await endpoint();
    const payNo = await paidPayment(merchant, merchantEndpoint.url);
    const [first] = await eventually(() => notificationsOf(merchant, payNo), (n) => n[0]?.status === 'DELIVERED', 30_000);

    const resent = await call(merchant.apiKey, 'POST', `/v1/payments/${payNo}/notifications/resend`);
    expect(resent.status, JSON.stringify(resent.body)).toBe(202);
    expect(resent.body).toMatchObject({ payNo, type: 'payment.succeeded', status: 'PENDING', attempts: [] });
    expect(resent.body.notificationId).not.toBe(first!.notificationId);
    const all = await eventually(() => notificationsOf(merchant, payNo), (n) => n.length === 2 && n.every((x) => x.status === 'DELIVERED'), 30_000);
    expect(all.map((n) => n.notificationId)).toEqual([first!.notificationId, resent.body.notificationId]);
    const ids = bodiesFor(merchantEndpoint, payNo).map((r) => JSON.parse(r.rawBody).id);
    expect(ids).toEqual([first!.notificationId, resent.body.notificationId]);

    const quiet = await paidPayment(merchant, undefined);
    const refused = await call(merchant.apiKey, 'POST', `/v1/payments/${quiet}/notifications/resend`);
    expect(refused.status).toBe(409);
    expect(refused.body.error).toMatchObject({ type: 'conflict', code: 'no_notify_url' });
    expect(await notificationsOf(merchant, quiet)).toEqual([]);
  });

  it("notifies a refund's move of the payment: payment.partially_refunded, then payment.refunded", async () => {
    const merchantEndpoint = await endpoint();
    const payNo = await paidPayment(merchant, merchantEndpoint.url, 1000);
    for (const amount of [400, 600]) {
      const res = await call(merchant.apiKey, 'POST', `/v1/payments/${payNo}/refunds`, { body: { amount } });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
    }
    const all = await eventually(() => notificationsOf(merchant, payNo), (n) => n.length === 3 && n.every((x) => x.status === 'DELIVERED'), 30_000);
    expect(all.map((n) => n.type)).toEqual(['payment.succeeded', 'payment.partially_refunded', 'payment.refunded']);
    const bodies = bodiesFor(merchantEndpoint, payNo).map((r) => JSON.parse(r.rawBody));
    const partial = bodies.find((b) => b.type === 'payment.partially_refunded');
    expect(partial.data).toMatchObject({ payNo, status: 'PARTIALLY_REFUNDED' });
    const refunded = bodies.find((b) => b.type === 'payment.refunded');
    expect(refunded.data).toEqual(await paymentOf(merchant, payNo));
  });

  it("answers 404 for another company's payment, and changes nothing", async () => {
    const merchantEndpoint = await endpoint();
    const payNo = await paidPayment(merchant, merchantEndpoint.url);
    await eventually(() => notificationsOf(merchant, payNo), (n) => n[0]?.status === 'DELIVERED', 30_000);
    const other = await newMerchant('notify-other');
    const before = await companyItems(merchant.companyId);
    for (const [method, path] of [
      ['GET', `/v1/payments/${payNo}/notifications`],
      ['POST', `/v1/payments/${payNo}/notifications/resend`],
    ] as const) {
      const res = await call(other.apiKey, method, path);
      expect(res.status, path).toBe(404);
      expect(res.body.error).toMatchObject({ type: 'not_found', param: 'payNo' });
    }
    expect(await companyItems(merchant.companyId)).toEqual(before);
  });

  it.each([
    ['not a URL', 'payee notify'],
    ['another scheme', 'ftp://127.0.0.1/notify'],
    ['a relative URL', '/payee/notify'],
  ])('refuses %s as notifyUrl: 400 naming notifyUrl, nothing stored', async (_, notifyUrl) => {
    const body = sampleBody({ notifyUrl });
    const res = await call(merchant.apiKey, 'POST', '/v1/payments', { body });
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ type: 'invalid_request', param: 'notifyUrl' });
    const stored = (await companyItems(merchant.companyId)).filter((i) => i.outTradeNo === body.outTradeNo);
    expect(stored).toEqual([]);
  });
});
