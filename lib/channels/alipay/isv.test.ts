/**
 * ISV mode (第三方应用代调用) against the local Alipay sandbox over real HTTP: the service provider's
 * app signs, app_auth_token names the sub-merchant on every call, and notifies are told apart by
 * the sub-merchant's seller_id and auth_app_id.
 */
import { generateKeyPairSync } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAlipaySandbox, type AlipaySandbox } from '../../../infra/local/sandbox/alipay/index.ts';
import { providerHttp } from '../../http/provider-http.ts';
import type { ChannelCall, CreateRequest } from '../channel.ts';
import type { AlipayConfig } from './config.ts';
import { alipay } from './index.ts';
import { startNotifyReceiver, type NotifyReceiver } from './testing.ts';

const keys = generateKeyPairSync('rsa', { modulusLength: 2048 });
const ISV_APP_ID = '2021000000000777';

let sandbox: AlipaySandbox;
/** payee's notify endpoint: keeps every notify body, answers `success`. */
let receiver: NotifyReceiver;
let callbackUrl: string;
let subA: { appAuthToken: string; sellerId: string; authAppId: string };
let subB: { appAuthToken: string; sellerId: string; authAppId: string };

beforeAll(async () => {
  sandbox = await startAlipaySandbox({});
  sandbox.registerApp({ appId: ISV_APP_ID, appPublicKeyPem: keys.publicKey.export({ type: 'spki', format: 'pem' }).toString() });
  // Over HTTP for one sub-merchant, in process for the other: both hooks.
  const res = await fetch(`${sandbox.url}/sandbox/app-auth-tokens`, { method: 'POST', body: JSON.stringify({ appId: ISV_APP_ID }) });
  expect(res.status).toBe(200);
  subA = (await res.json()) as typeof subA;
  subB = sandbox.authoriseApp({ appId: ISV_APP_ID });
  receiver = await startNotifyReceiver();
  callbackUrl = receiver.url;
});
afterAll(async () => {
  await sandbox.close();
  await receiver.close();
});

function call(sub: typeof subA, overrides: Record<string, unknown> = {}): ChannelCall<AlipayConfig> {
  const config = alipay.configSchema.parse({
    mode: 'isv',
    appId: ISV_APP_ID,
    privateKey: keys.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    alipayPublicKey: sandbox.alipayPublicKeyPem,
    gatewayUrl: sandbox.gatewayUrl,
    appAuthToken: sub.appAuthToken,
    sellerId: sub.sellerId,
    authAppId: sub.authAppId,
    ...overrides,
  });
  return { config, http: providerHttp, timeoutMs: 2000, now: () => new Date() };
}

let seq = 0;
const request = (method = 'alipay.qr'): CreateRequest => ({ createdAt: new Date(),
  payNo: `P${process.pid}T${Date.now()}N${++seq}`,
  method,
  subject: '服务商测试',
  amount: 1999,
  currency: 'CNY',
  expiresAt: new Date(Date.now() + 30 * 60_000),
  callbackUrl,
  returnUrl: 'https://shop.example/done',
});
const hook = (path: string, body: unknown = {}) => fetch(`${sandbox.url}${path}`, { method: 'POST', body: JSON.stringify(body) });
const sandboxTrade = async (payNo: string) => (await (await fetch(`${sandbox.url}/sandbox/trades/${payNo}`)).json()) as Record<string, unknown>;
const notifyFor = async (payNo: string) => {
  await expect.poll(() => receiver.bodies.some((n) => n.includes(payNo)), { timeout: 3000 }).toBe(true);
  return receiver.bodies.find((n) => n.includes(payNo))!;
};
const form = { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' };

describe('alipay ISV mode', () => {
  it("creates the sub-merchant's trade, verifies its notify, queries, refunds and closes with app_auth_token", async () => {
    const isv = call(subA);
    const req = request();
    expect(await alipay.create(isv, req)).toMatchObject({ outcome: 'created', action: { type: 'qr_code' } });
    // The trade is the sub-merchant's (its seller id), created by the ISV's app for the sub-merchant's app.
    expect(await sandboxTrade(req.payNo)).toMatchObject({ appId: ISV_APP_ID, authAppId: subA.authAppId, sellerId: subA.sellerId });

    expect((await hook(`/sandbox/trades/${req.payNo}/pay`)).status).toBe(200);
    const body = await notifyFor(req.payNo);
    const params = new URLSearchParams(body);
    expect([params.get('app_id'), params.get('auth_app_id'), params.get('seller_id')]).toEqual([ISV_APP_ID, subA.authAppId, subA.sellerId]);
    const verdict = await alipay.verifyCallback(isv, { headers: form, rawBody: body });
    expect(verdict).toMatchObject({ ok: true, event: { payNo: req.payNo, status: 'SUCCEEDED', amount: 1999, providerStatus: 'TRADE_SUCCESS' } });

    const payment = { payNo: req.payNo, amount: 1999, currency: 'CNY' };
    expect(await alipay.query(isv, { ...payment, createdAt: new Date() })).toMatchObject({ status: 'SUCCEEDED', amount: 1999 });
    const refundNo = `R${req.payNo}`;
    expect(await alipay.refund(isv, { payment, refundNo, amount: 500, callbackUrl })).toEqual({ outcome: 'succeeded' });
    expect(await alipay.queryRefund(isv, { payment, refundNo })).toMatchObject({ status: 'SUCCEEDED', amount: 500 });

    const unpaid = request();
    await alipay.create(isv, unpaid);
    expect(await alipay.close(isv, { payNo: unpaid.payNo, amount: 1999, currency: 'CNY' })).toEqual({ outcome: 'closed' });
  });

  it("a sub-merchant's calls reach only its own trades: another's token does not find them", async () => {
    const req = request();
    await alipay.create(call(subA), req);
    await hook(`/sandbox/trades/${req.payNo}/pay`);
    expect(await alipay.query(call(subB), { createdAt: new Date(), payNo: req.payNo, currency: 'CNY' })).toEqual({ status: 'NOT_FOUND' });
  });

  it("refuses another sub-merchant's notify, though Alipay signed it for the same ISV app", async () => {
    const req = request();
    await alipay.create(call(subB), req);
    await hook(`/sandbox/trades/${req.payNo}/pay`);
    const body = await notifyFor(req.payNo);
    expect(await alipay.verifyCallback(call(subB), { headers: form, rawBody: body })).toMatchObject({ ok: true });
    expect(await alipay.verifyCallback(call(subA), { headers: form, rawBody: body })).toMatchObject({ ok: false, reason: 'wrong_merchant', detail: expect.stringContaining('seller_id') });
    // Checked by auth_app_id alone, too; and an ISV config that names no sub-merchant cannot accept any.
    expect(await alipay.verifyCallback(call(subA, { sellerId: undefined }), { headers: form, rawBody: body })).toMatchObject({ ok: false, detail: expect.stringContaining('auth_app_id') });
    expect(await alipay.verifyCallback(call(subB, { sellerId: undefined, authAppId: undefined }), { headers: form, rawBody: body })).toMatchObject({
      ok: false,
      reason: 'wrong_merchant',
    });
  });

  it('puts app_auth_token in browser and app SDK requests too; an unknown token is refused (20001)', async () => {
    const page = await alipay.create(call(subA), request('alipay.page'));
    if (page.outcome !== 'created' || typeof page.action.value !== 'string') throw new Error('page not created');
    expect(new URL(page.action.value).searchParams.get('app_auth_token')).toBe(subA.appAuthToken);
    // The sandbox cashier accepts the signed request and opens the sub-merchant's trade.
    expect((await fetch(page.action.value)).status).toBe(200);
    const app = await alipay.create(call(subA), request('alipay.app'));
    expect(app.outcome === 'created' && new URLSearchParams(app.action.value).get('app_auth_token')).toBe(subA.appAuthToken);

    expect(await alipay.create(call(subA, { appAuthToken: '202511BBnot-a-token' }), request())).toMatchObject({ outcome: 'refused', code: 'aop.invalid-app-auth-token' });
    // A token works only for the app it was issued to: another (registered, correctly signing) app cannot use it.
    const other = generateKeyPairSync('rsa', { modulusLength: 2048 });
    sandbox.registerApp({ appId: '2021000000000888', appPublicKeyPem: other.publicKey.export({ type: 'spki', format: 'pem' }).toString() });
    const foreign = call(subA, { appId: '2021000000000888', privateKey: other.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString() });
    expect(await alipay.create(foreign, request())).toMatchObject({ outcome: 'refused', code: 'aop.invalid-app-auth-token' });
    expect(await alipay.create(call(subA, { appId: '2021000000000888', privateKey: other.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(), appAuthToken: sandbox.authoriseApp({ appId: '2021000000000888' }).appAuthToken }), request())).toMatchObject({ outcome: 'created' });
  });

  it("the daily statement is the sub-merchant's bill", async () => {
    const [mine, theirs] = [request(), request()];
    await alipay.create(call(subA), mine);
    await alipay.create(call(subB), theirs);
    await hook(`/sandbox/trades/${mine.payNo}/pay`);
    await hook(`/sandbox/trades/${theirs.payNo}/pay`);
    const day = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
    const payNos = (await alipay.statement!(call(subA), day)).map((line) => line.payNo);
    expect(payNos).toContain(mine.payNo);
    expect(payNos).not.toContain(theirs.payNo);
  });

  it('direct configs parse as before; an ISV config needs its token', () => {
    const direct = alipay.configSchema.parse({ appId: ISV_APP_ID, privateKey: keys.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(), alipayPublicKey: sandbox.alipayPublicKeyPem });
    expect(direct.mode).toBeUndefined();
    expect(() => call(subA, { appAuthToken: undefined })).toThrow();
  });
});
