/** The channel against the local WeChat Pay sandbox over real HTTP: outcomes, error mapping, callbacks. */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWechatSandbox } from '../../../infra/local/sandbox/wechat/index.ts';
import { ProviderUnavailable } from '../../domain/errors.ts';
import { providerHttp } from '../../http/provider-http.ts';
import type { ChannelCall, CreateRequest } from '../channel.ts';
import { wechatConfigSchema, type WechatDirectConfig } from './config.ts';
import { wechat } from './index.ts';

let sandbox: { url: string; close(): Promise<void> };
let receiver: ReturnType<typeof createServer>;
let callbackUrl = '';
/** What the fake payee callback endpoint received, answered with the channel's own replies. */
const received: { verdict: Awaited<ReturnType<typeof wechat.verifyCallback>>; serial: string }[] = [];
let receiverConfig: WechatDirectConfig;
const eventOf = (verdict: (typeof received)[number]['verdict']) => (verdict.ok && 'event' in verdict ? verdict.event : undefined);

async function merchant(mode?: string): Promise<WechatDirectConfig> {
  const res = await fetch(`${sandbox.url}/sandbox/merchants`, { method: 'POST', body: JSON.stringify(mode ? { mode } : {}) });
  return wechatConfigSchema.parse(((await res.json()) as { payeeConfig: unknown }).payeeConfig);
}

const call = (config: WechatDirectConfig, timeoutMs = 2000): ChannelCall<WechatDirectConfig> => ({ config, http: providerHttp, timeoutMs, now: () => new Date() });

let seq = 0;
function request(method: string, payer?: Record<string, string>): CreateRequest {
  return { payNo: `P${process.pid}T${Date.now()}N${++seq}`, createdAt: new Date(), method, subject: '测试商品', amount: 1999, currency: 'CNY', expiresAt: new Date(Date.now() + 30 * 60_000), callbackUrl, payer };
}

async function hook(path: string, body?: unknown): Promise<any> {
  const res = await fetch(`${sandbox.url}${path}`, body === undefined ? {} : { method: 'POST', body: JSON.stringify(body) });
  return res.status === 204 ? undefined : res.json();
}

let config: WechatDirectConfig;
beforeAll(async () => {
  sandbox = await startWechatSandbox({ notifyTimeScale: 1 / 1000 });
  config = await merchant();
  receiverConfig = config;
  receiver = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const headers = Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, Array.isArray(v) ? v[0] : v]));
    const verdict = await wechat.verifyCallback(call(receiverConfig), { headers, rawBody: Buffer.concat(chunks).toString('utf8') });
    received.push({ verdict, serial: headers['wechatpay-serial'] ?? '' });
    // The first delivery of each notification is refused, so WeChat's retry is exercised.
    const event = eventOf(verdict);
    const reply = event && received.filter((r) => eventOf(r.verdict)?.eventId === event.eventId).length > 1 ? wechat.callbackReplies.accepted : wechat.callbackReplies.retryLater;
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

describe('wechat channel', () => {
  it('serves CNY through native, jsapi, h5 and app; secrets are the private key and APIv3 key', () => {
    expect(wechat.methods).toEqual(['wechat.native', 'wechat.jsapi', 'wechat.h5', 'wechat.app']);
    expect(wechat.currencies).toEqual(['CNY']);
    expect(wechat.secretFields).toEqual(['privateKey', 'apiV3Key']);
    const { baseUrl, ...rest } = config;
    expect(wechat.configSchema.parse(rest).baseUrl).toBe('https://api.mch.weixin.qq.com');
    expect(wechat.configSchema.safeParse({ ...rest, apiV3Key: 'short' }).success).toBe(false);
    expect(baseUrl).toBe(sandbox.url);
  });

  it('native → pay → signed encrypted notification (retried until 204) → query SUCCEEDED → refund', async () => {
    const req = request('wechat.native');
    const outcome = await wechat.create(call(config), req);
    expect(outcome).toMatchObject({ outcome: 'created', action: { type: 'qr_code', value: expect.stringMatching(/^weixin:\/\/wxpay\/bizpayurl\?pr=/) } });
    const trade = await hook(`/sandbox/trades/${req.payNo}`);
    expect(trade).toMatchObject({ total: 1999, currency: 'CNY', state: 'NOTPAY', notifyUrl: callbackUrl, tradeType: 'NATIVE' });
    expect(await wechat.query(call(config), req)).toMatchObject({ status: 'PENDING', amount: 1999, providerStatus: 'NOTPAY' });

    await hook(`/sandbox/trades/${req.payNo}/pay`, {});
    await expect.poll(async () => (await hook(`/sandbox/trades/${req.payNo}/deliveries`)).length, { timeout: 5000 }).toBe(2);
    const deliveries = await hook(`/sandbox/trades/${req.payNo}/deliveries`);
    expect(deliveries.map((d: { status: number }) => d.status)).toEqual([503, 204]);
    const events = received.map((r) => eventOf(r.verdict)).filter((event) => event?.payNo === req.payNo);
    expect(events).toHaveLength(2);
    expect(events[0]).toEqual(events[1]);
    expect(events[0]).toMatchObject({ eventId: `wechat-${deliveries[0].id}`, channel: 'wechat', status: 'SUCCEEDED', providerStatus: 'SUCCESS', amount: 1999, currency: 'CNY' });

    const paid = await wechat.query(call(config), req);
    expect(paid).toMatchObject({ status: 'SUCCEEDED', amount: 1999, providerTradeNo: expect.stringMatching(/^42000\d{23}$/) });
    const ref = { payNo: req.payNo, amount: 1999, currency: 'CNY' };
    expect(await wechat.close(call(config), ref)).toMatchObject({ outcome: 'paid', payment: { status: 'SUCCEEDED' } });

    const refund = { payment: ref, refundNo: `R${req.payNo}`, amount: 999, callbackUrl };
    const first = await wechat.refund(call(config), refund);
    expect(first).toMatchObject({ outcome: 'processing', providerRefundNo: expect.any(String) });
    expect(await wechat.refund(call(config), refund)).toEqual(first);
    expect(await wechat.refund(call(config), { ...refund, refundNo: `S${req.payNo}`, amount: 1001 })).toMatchObject({ outcome: 'refused', code: 'NOT_ENOUGH' });
    // A partly refunded trade is REFUND at WeChat: still a paid payment here, never a full refund.
    expect(await wechat.query(call(config), req)).toMatchObject({ status: 'SUCCEEDED', providerStatus: 'REFUND' });
  });

  it('close: an unpaid trade closes and cannot be paid; unknown trades are NOT_FOUND', async () => {
    const req = request('wechat.native');
    await wechat.create(call(config), req);
    expect(await wechat.close(call(config), { payNo: req.payNo, amount: 1999, currency: 'CNY' })).toEqual({ outcome: 'closed' });
    expect(await wechat.query(call(config), req)).toMatchObject({ status: 'CLOSED' });
    expect((await fetch(`${sandbox.url}/sandbox/trades/${req.payNo}/pay`, { method: 'POST' })).status).toBe(409);
    expect(await wechat.query(call(config), { createdAt: new Date(), payNo: 'P-none-000', currency: 'CNY' })).toEqual({ status: 'NOT_FOUND' });
  });

  it('jsapi and app: signed client parameters; h5: a redirect; payer inputs required', async () => {
    const jsapi = await wechat.create(call(config), request('wechat.jsapi', { openid: 'oUpF8uMuAJO_M2pxb1Q9zNjWeS6o' }));
    if (jsapi.outcome !== 'created' || jsapi.action.type !== 'jsapi_params') throw new Error(JSON.stringify(jsapi));
    expect(jsapi.action.value).toMatchObject({ appId: config.appid, signType: 'RSA', package: expect.stringMatching(/^prepay_id=wx/) });
    const app = await wechat.create(call(config), request('wechat.app'));
    if (app.outcome !== 'created' || app.action.type !== 'app_params') throw new Error(JSON.stringify(app));
    expect(JSON.parse(app.action.value)).toMatchObject({ appid: config.appid, partnerid: config.mchid, package: 'Sign=WXPay' });
    const h5 = await wechat.create(call(config), request('wechat.h5', { clientIp: '203.0.113.7' }));
    expect(h5).toMatchObject({ outcome: 'created', action: { type: 'redirect', value: expect.stringContaining(`${sandbox.url}/h5pay?`) } });
    expect(await wechat.create(call(config), request('wechat.jsapi'))).toMatchObject({ outcome: 'refused', code: 'payer_openid_required' });
    expect(await wechat.create(call(config), request('wechat.h5'))).toMatchObject({ outcome: 'refused', code: 'payer_client_ip_required' });
    await expect(wechat.create(call(config), { ...request('wechat.native'), currency: 'USD' })).rejects.toMatchObject({ code: 'currency_not_supported' });
  });

  it('maps timeouts, 5xx, bad signatures and unknown serials to ProviderUnavailable; a wrong key to a refusal', async () => {
    const mine = await merchant();
    for (const mode of ['timeout', 'http500', 'badsign']) {
      await hook('/sandbox/faults', { mode, count: 1, merchant: mine.mchid });
      await expect(wechat.create(call(mine, 500), request('wechat.native'))).rejects.toBeInstanceOf(ProviderUnavailable);
    }
    await expect(wechat.query(call({ ...mine, platformKeys: { OTHER: Object.values(mine.platformKeys)[0]! } }), { createdAt: new Date(), payNo: 'P-none-000', currency: 'CNY' })).rejects.toBeInstanceOf(ProviderUnavailable);
    const other = await merchant();
    expect(await wechat.create(call({ ...mine, privateKey: other.privateKey }), request('wechat.native'))).toMatchObject({ outcome: 'refused', code: 'SIGN_ERROR' });
  });

  it('migration: notifications under either serial verify', async () => {
    const migrating = await merchant('migration');
    expect(Object.keys(migrating.platformKeys)).toEqual([expect.stringMatching(/^[0-9A-F]{40}$/), expect.stringMatching(/^PUB_KEY_ID_0114\d+$/)]);
    const req = request('wechat.native');
    await wechat.create(call(migrating), req);
    const serials = new Set<string>();
    for (let i = 0; i < 12; i++) {
      const n = await hook(`/sandbox/trades/${req.payNo}/notifications`, { status: 'SUCCESS', send: false });
      const headers = Object.fromEntries(Object.entries(n.headers as Record<string, string>).map(([k, v]) => [k.toLowerCase(), v]));
      serials.add(headers['wechatpay-serial']!);
      expect(await wechat.verifyCallback(call(migrating), { headers, rawBody: n.body })).toMatchObject({ ok: true, event: { payNo: req.payNo } });
    }
    expect(serials.size).toBe(2);
  });
});
