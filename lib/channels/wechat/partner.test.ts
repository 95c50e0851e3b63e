/**
 * 服务商 (partner) mode against the local WeChat Pay sandbox over real HTTP: the partner APIs with
 * sp_mchid/sp_appid/sub_mchid/sub_appid, signed by the service provider, and notifications under
 * its keys checked against the sub-merchant.
 */
import { createSign } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWechatSandbox } from '../../../infra/local/sandbox/wechat/index.ts';
import { providerHttp } from '../../http/provider-http.ts';
import type { ChannelCall, CreateRequest } from '../channel.ts';
import { wechatPartnerConfigSchema, type WechatPartnerConfig } from './config.ts';
import { wechat } from './index.ts';

let sandbox: { url: string; close(): Promise<void> };
let subA: WechatPartnerConfig;
let subB: WechatPartnerConfig;

async function hook(path: string, body?: unknown): Promise<any> {
  const res = await fetch(`${sandbox.url}${path}`, body === undefined ? {} : { method: 'POST', body: JSON.stringify(body) });
  expect(res.status, `${path}: ${res.status}`).toBeLessThan(300);
  return res.status === 204 ? undefined : res.json();
}
const partner = async (spMchid?: string) => wechatPartnerConfigSchema.parse((await hook('/sandbox/merchants', { partner: true, spMchid })).payeeConfig);
const call = (config: WechatPartnerConfig): ChannelCall<WechatPartnerConfig> => ({ config, http: providerHttp, timeoutMs: 2000, now: () => new Date() });
const lower = (headers: Record<string, string>) => Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]));

let seq = 0;
const request = (method = 'wechat.native', payer?: Record<string, string>): CreateRequest => ({ createdAt: new Date(),
  payNo: `P${process.pid}S${Date.now()}N${++seq}`,
  method,
  subject: '服务商测试',
  amount: 1999,
  currency: 'CNY',
  expiresAt: new Date(Date.now() + 30 * 60_000),
  // Nothing listens: these tests take notifications from the sandbox's hooks.
  callbackUrl: 'http://127.0.0.1:9/callbacks/wechat/x',
  payer,
});

beforeAll(async () => {
  sandbox = await startWechatSandbox({ notifyTimeScale: 1000 });
  subA = await partner();
  subB = await partner(subA.spMchid);
});
afterAll(() => sandbox.close());

describe('wechat partner (服务商) mode', () => {
  it("create → pay → the sub-merchant's notification verified → query → refund (notified) → close", async () => {
    expect(subB.spMchid).toBe(subA.spMchid);
    expect(subB.subMchid).not.toBe(subA.subMchid);
    const req = request();
    expect(await wechat.create(call(subA), req)).toMatchObject({ outcome: 'created', action: { type: 'qr_code' } });
    const trade = await hook(`/sandbox/trades/${req.payNo}?mchid=${subA.subMchid}`);
    expect(trade).toMatchObject({ mchid: subA.subMchid, spMchid: subA.spMchid, appid: subA.spAppid, subAppid: subA.subAppid, state: 'NOTPAY' });
    expect(await wechat.query(call(subA), req)).toMatchObject({ status: 'PENDING', providerStatus: 'NOTPAY' });

    const notification = await hook(`/sandbox/trades/${req.payNo}/notifications`, { status: 'SUCCESS', send: false, mchid: subA.subMchid });
    const verdict = await wechat.verifyCallback(call(subA), { headers: lower(notification.headers), rawBody: notification.body });
    expect(verdict).toMatchObject({ ok: true, event: { payNo: req.payNo, status: 'SUCCEEDED', amount: 1999, providerTradeNo: expect.stringMatching(/^42000/) } });
    const paid = await wechat.query(call(subA), req);
    expect(paid).toMatchObject({ status: 'SUCCEEDED', amount: 1999 });

    const payment = { payNo: req.payNo, amount: 1999, currency: 'CNY', providerTradeNo: paid.providerTradeNo };
    await hook('/sandbox/refund-plan', { notify: false, merchant: subA.spMchid });
    const refundNo = `R${req.payNo}`;
    expect(await wechat.refund(call(subA), { payment, refundNo, amount: 500, callbackUrl: req.callbackUrl })).toMatchObject({ outcome: 'processing' });
    expect(await wechat.queryRefund(call(subA), { payment, refundNo })).toMatchObject({ status: 'PROCESSING', amount: 500 });
    await new Promise((r) => setTimeout(r, 1100));
    expect(await wechat.queryRefund(call(subA), { payment, refundNo })).toMatchObject({ status: 'SUCCEEDED', amount: 500 });
    const refunded = await hook(`/sandbox/refunds/${refundNo}/notifications`, { send: false });
    const refundVerdict = await wechat.verifyCallback(call(subA), { headers: lower(refunded.headers), rawBody: refunded.body });
    expect(refundVerdict).toMatchObject({ ok: true, refund: { refundNo, status: 'SUCCEEDED', amount: 500 } });
    // The refund notification names the sub-merchant too: another's config refuses it.
    expect(await wechat.verifyCallback(call(subB), { headers: lower(refunded.headers), rawBody: refunded.body })).toMatchObject({ ok: false, reason: 'wrong_merchant' });

    const unpaid = request();
    await wechat.create(call(subA), unpaid);
    expect(await wechat.close(call(subA), { payNo: unpaid.payNo, amount: 1999, currency: 'CNY' })).toEqual({ outcome: 'closed' });
    expect(await wechat.query(call(subA), unpaid)).toMatchObject({ status: 'CLOSED' });
  });

  it("refuses another sub-merchant's notification: same service provider, same keys, other sub_mchid", async () => {
    const req = request();
    await wechat.create(call(subB), req);
    const notification = await hook(`/sandbox/trades/${req.payNo}/notifications`, { status: 'SUCCESS', send: false, mchid: subB.subMchid });
    const delivery = { headers: lower(notification.headers), rawBody: notification.body };
    expect(await wechat.verifyCallback(call(subB), delivery)).toMatchObject({ ok: true });
    expect(await wechat.verifyCallback(call(subA), delivery)).toMatchObject({ ok: false, reason: 'wrong_merchant', detail: expect.stringContaining('sub_mchid') });
    // Nor does a sub-merchant reach another's trades through the partner APIs.
    expect(await wechat.query(call(subA), req)).toEqual({ status: 'NOT_FOUND' });
  });

  it('jsapi pays in the sub-merchant’s AppID (sub_openid), signed for it; without sub_appid, sp_openid in the service provider’s', async () => {
    const outcome = await wechat.create(call(subA), request('wechat.jsapi', { openid: 'oSub123' }));
    if (outcome.outcome !== 'created' || outcome.action.type !== 'jsapi_params') throw new Error(JSON.stringify(outcome));
    const params = outcome.action.value;
    expect(params.appId).toBe(subA.subAppid);
    const message = `${params.appId}\n${params.timeStamp}\n${params.nonceStr}\n${params.package}\n`;
    // Signed with the service provider's API key (the sandbox holds its public half; here: the same key pair).
    expect(createSign('RSA-SHA256').update(message).sign(subA.privateKey, 'base64')).toBe(params.paySign);

    const { subAppid: _none, ...withoutSubApp } = subA;
    const sp = await wechat.create(call(withoutSubApp), request('wechat.jsapi', { openid: 'oSp123' }));
    expect(sp.outcome === 'created' && sp.action.type === 'jsapi_params' && sp.action.value.appId).toBe(subA.spAppid);
    const app = await wechat.create(call(subA), request('wechat.app'));
    expect(app.outcome === 'created' && JSON.parse(app.action.value as string)).toMatchObject({ appid: subA.subAppid, partnerid: subA.subMchid });
  });

  it("the daily statement is the sub-merchant's bill (sub_mchid)", async () => {
    const [mine, theirs] = [request(), request()];
    await wechat.create(call(subA), mine);
    await wechat.create(call(subB), theirs);
    await hook(`/sandbox/trades/${mine.payNo}/pay`, { mchid: subA.subMchid });
    await hook(`/sandbox/trades/${theirs.payNo}/pay`, { mchid: subB.subMchid });
    const day = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
    const payNos = (await wechat.statement!(call(subA), day)).map((line) => line.payNo);
    expect(payNos).toContain(mine.payNo);
    expect(payNos).not.toContain(theirs.payNo);
  });

  it('the sandbox holds the partner rules: an unknown sub-merchant or a foreign sub_appid is refused', async () => {
    expect(await wechat.create(call({ ...subA, subMchid: '1999999999' }), request())).toMatchObject({ outcome: 'refused', code: 'INVALID_REQUEST' });
    expect(await wechat.create(call({ ...subA, subAppid: subB.subAppid }), request())).toMatchObject({ outcome: 'refused', code: 'APPID_MCHID_NOT_MATCH' });
  });
});
