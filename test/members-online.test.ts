/**
 * Online testing through the member API on the real local stack: a member's sandbox company made
 * through payee's admin API (key shown once), a test payment paid at the WeChat Pay sandbox and
 * listed SUCCEEDED through the merchant API, a signed test notification to the member's URL;
 * another account's company is absent to this one, and a viewer makes nothing.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMembers } from '../infra/local/members.ts';
import { startSiteServer, type SiteServer } from '../infra/local/site-server.ts';
import { verifyNotification } from '../lib/notify/signature.ts';
import { memberOpenApiDocument } from '../lib/members/openapi.ts';
import type { MemberStore } from '../lib/members/store.ts';
import type { OutboxMailer } from '../lib/members/outbox.ts';
import { target } from './support/target.ts';

let site: SiteServer;
let store: MemberStore;
let outbox: OutboxMailer;
let receiver: Server;
const received: { headers: Record<string, unknown>; body: string }[] = [];

beforeAll(async () => {
  const members = await startMembers(target(), { outboxDir: mkdtempSync(join(tmpdir(), 'payee-outbox-')), tableName: `payee-site-test-${randomBytes(4).toString('hex')}` });
  ({ store, outbox } = members);
  const dir = mkdtempSync(join(tmpdir(), 'payee-site-'));
  writeFileSync(join(dir, 'index.html'), '<!doctype html><title>payee</title>');
  site = await startSiteServer({ dir, members });
  receiver = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      received.push({ headers: req.headers, body });
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
});
afterAll(async () => {
  await site?.close();
  receiver?.close();
});

/** The member API's document: every answer below is checked against the status and body it documents. */
const doc = memberOpenApiDocument();
const ajv = new Ajv2020({ strict: false, validateFormats: false, allErrors: true });
ajv.addSchema({ $id: 'doc', components: doc.components } as object);
function documented(method: string, path: string, status: number, body: unknown): void {
  const entry = Object.entries(doc.paths).find(([p]) => new RegExp(`^${p.replace(/\{\w+\}/g, '[^/]+')}$`).test(`/api/members${path.split('?')[0]}`));
  const op = (entry?.[1] as Record<string, { responses: Record<string, { content?: { 'application/json': { schema: unknown } } }> }> | undefined)?.[method.toLowerCase()];
  const response = op?.responses[String(status)];
  expect(response, `${method} ${path} ${status} is not in docs/members-openapi.json`).toBeDefined();
  const schema = response!.content?.['application/json'].schema;
  if (!schema) return;
  const validate = ajv.compile(JSON.parse(JSON.stringify(schema).replaceAll('"#/components/', '"doc#/components/')));
  expect(validate(body), `${method} ${path} ${status}: ${JSON.stringify(validate.errors)}`).toBe(true);
}

/** A browser's worth of member API calls: cookies kept, the CSRF header sent, each answer as documented. */
function member() {
  const jar: Record<string, string> = {};
  const call = async (method: string, path: string, body?: unknown) => {
    const res = await fetch(`${site.url}/api/members${path}`, {
      method,
      headers: { cookie: Object.entries(jar).map(([k, v]) => `${k}=${v}`).join('; '), 'x-csrf-token': jar.payee_csrf ?? '', 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(';');
      const eq = pair!.indexOf('=');
      jar[pair!.slice(0, eq)] = pair!.slice(eq + 1);
    }
    const answer = { status: res.status, body: (await res.json()) as any };
    documented(method, path, answer.status, answer.body);
    return answer;
  };
  return { call };
}

async function signedUp(email: string) {
  const m = member();
  await m.call('GET', '/session');
  expect((await m.call('POST', '/signup', { email, password: 'Tiger lily 2026' })).status).toBe(201);
  const mail = (await outbox.list()).find((x) => x.to === email)!;
  expect((await m.call('POST', '/verify', { token: new URL(mail.link).searchParams.get('token') })).status).toBe(200);
  expect((await m.call('POST', '/login', { email, password: 'Tiger lily 2026' })).status).toBe(200);
  return m;
}

async function poll<T>(what: string, read: () => Promise<T>, done: (v: T) => boolean, ms = 60_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = await read();
    if (done(v)) return v;
    if (Date.now() > deadline) throw new Error(`${what}: not within ${ms} ms; last ${JSON.stringify(v)}`);
    await new Promise((r) => setTimeout(r, 500));
  }
}

describe('online testing', () => {
  let companyId: string;
  it('makes a sandbox company through the admin API; its key is shown once and works on the merchant API', async () => {
    const ann = await signedUp(`ann-${randomBytes(3).toString('hex')}@example.com`);
    const made = await ann.call('POST', '/companies');
    expect(made.status).toBe(201);
    expect(made.body.company).toMatchObject({ companyId: expect.stringMatching(/^C/), apiKey: expect.any(String), payId: expect.any(String) });
    companyId = made.body.company.companyId;
    const listed = await ann.call('GET', '/companies');
    expect(listed.body.data.map((c: any) => c.companyId)).toEqual([companyId]);
    expect(JSON.stringify(listed.body)).not.toContain(made.body.company.apiKey);
    const direct = await fetch(`${target().apiUrl}/v1/payments?limit=1`, { headers: { 'x-api-key': made.body.company.apiKey } });
    expect(direct.status).toBe(200);

    const payment = await ann.call('POST', `/companies/${companyId}/test-payments`);
    expect(payment.status).toBe(201);
    expect(payment.body.payment).toMatchObject({ payNo: expect.stringMatching(/^P/), status: 'PENDING', method: 'wechat.native' });
    expect(payment.body.qrImage).toMatch(/^data:image\/svg\+xml;base64,/);
    const payNo = payment.body.payment.payNo as string;
    // The buyer scans the code and pays at the sandbox; WeChat notifies payee.
    const paid = await fetch(`${target().sandbox!.wechat!.url}/sandbox/trades/${payNo}/pay`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    expect(paid.status, await paid.clone().text()).toBeLessThan(300);
    const payments = await poll('SUCCEEDED in the listing', () => ann.call('GET', `/companies/${companyId}/payments`), (r) => r.body.data?.some((p: any) => p.payNo === payNo && p.status === 'SUCCEEDED'));
    expect(payments.status).toBe(200);

    const url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;
    const attempt = await ann.call('POST', `/companies/${companyId}/test-notifications`, { url });
    expect(attempt.body.attempt).toMatchObject({ url, status: 204, ok: true });
    const secret = (await store.companyItem((await ann.call('GET', '/me')).body.user.userId, companyId))!.notifySecret;
    const got = received.at(-1)!;
    expect(verifyNotification(secret, String(got.headers['payee-signature']), got.body, Math.floor(Date.now() / 1000))).toBe(true);
    expect(JSON.parse(got.body)).toMatchObject({ type: 'test.ping', data: { companyId } });
    expect((await ann.call('GET', `/companies/${companyId}/notifications`)).body.data).toEqual([expect.objectContaining({ url, status: 204, ok: true })]);
    expect((await ann.call('POST', `/companies/${companyId}/test-notifications`, { url: 'ftp://x' })).body.error).toMatchObject({ param: 'url' });
  });

  it('sells a support plan through payee: the QR of an Alipay payment, the plan active only on the signed notification', async () => {
    const carl = await signedUp(`carl-${randomBytes(3).toString('hex')}@example.com`);
    expect((await carl.call('POST', '/plans/orders', { plan: 'community', method: 'alipay.qr' })).body.error).toMatchObject({ param: 'plan' });
    const ordered = await carl.call('POST', '/plans/orders', { plan: 'standard', method: 'alipay.qr' });
    expect(ordered.status).toBe(201);
    expect(ordered.body.order).toMatchObject({ outTradeNo: expect.stringMatching(/^S/), payNo: expect.stringMatching(/^P/), amount: 299_900, currency: 'CNY', qrCode: expect.any(String) });
    const { outTradeNo, payNo } = ordered.body.order;
    // A notification payee did not sign changes nothing.
    const forged = JSON.stringify({ id: 'N1', type: 'payment.succeeded', data: { payNo, outTradeNo, status: 'SUCCEEDED', amount: 299_900, currency: 'CNY' } });
    const refused = await fetch(`${site.url}/api/members/plans/notify`, { method: 'POST', headers: { 'content-type': 'application/json', 'payee-signature': `t=${Math.floor(Date.now() / 1000)},v1=${'0'.repeat(64)}` }, body: forged });
    expect(refused.status).toBe(400);
    expect((await carl.call('GET', `/plans/orders/${outTradeNo}`)).body.order.status).toBe('PENDING');
    expect((await carl.call('GET', '/me')).body.user.plan).toBeUndefined();

    const paid = await fetch(`${target().sandbox!.alipay.url}/sandbox/trades/${payNo}/pay`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    expect(paid.status, await paid.clone().text()).toBeLessThan(300);
    await poll('the order paid', () => carl.call('GET', `/plans/orders/${outTradeNo}`), (r) => r.body.order?.status === 'PAID', 90_000);
    const plan = (await carl.call('GET', '/me')).body.user.plan;
    expect(plan.id).toBe('standard');
    expect(Date.parse(plan.activeUntil) - Date.now()).toBeGreaterThan(360 * 86_400_000);
    const dave = await signedUp(`dave-${randomBytes(3).toString('hex')}@example.com`);
    expect((await dave.call('GET', `/plans/orders/${outTradeNo}`)).status).toBe(404);
  });

  it("answers 404 for another account's company and lets a viewer make nothing, changing nothing", async () => {
    const bob = await signedUp(`bob-${randomBytes(3).toString('hex')}@example.com`);
    for (const [method, path] of [['GET', 'payments'], ['POST', 'test-payments'], ['GET', 'notifications']] as const) {
      expect((await bob.call(method, `/companies/${companyId}/${path}`)).body.error, path).toMatchObject({ code: 'resource_missing', param: 'companyId' });
    }
    expect((await bob.call('GET', '/companies')).body.data).toEqual([]);
    const viewerEmail = `viewer-${randomBytes(3).toString('hex')}@example.com`;
    await bob.call('POST', '/users', { email: viewerEmail, role: 'viewer' });
    const viewer = member();
    await viewer.call('GET', '/session');
    const invite = (await outbox.list()).find((x) => x.to === viewerEmail)!;
    await viewer.call('POST', '/invitations/accept', { token: new URL(invite.link).searchParams.get('token'), password: 'Viewer tiger 2026' });
    await viewer.call('POST', '/login', { email: viewerEmail, password: 'Viewer tiger 2026' });
    expect((await viewer.call('POST', '/companies')).body.error).toMatchObject({ code: 'role_forbidden' });
    expect((await viewer.call('POST', '/plans/orders', { plan: 'standard', method: 'wechat.native' })).body.error).toMatchObject({ code: 'role_forbidden' });
    expect((await bob.call('GET', '/companies')).body.data).toEqual([]);
  });
});
