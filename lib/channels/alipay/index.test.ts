/** The channel against the local Alipay sandbox over real HTTP: outcomes and error mapping. */
import { providerHttp } from '../../http/provider-http.ts';
import { generateKeyPairSync } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startAlipaySandbox, type AlipaySandbox } from '../../../infra/local/sandbox/alipay/index.ts';
import type { ChannelCall, CreateRequest } from '../channel.ts';
import { ProviderUnavailable } from '../../domain/errors.ts';
import type { AlipayConfig } from './config.ts';
import { alipay } from './index.ts';

const appKeys = generateKeyPairSync('rsa', { modulusLength: 2048 });
const pem = {
  private: appKeys.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
  public: appKeys.publicKey.export({ type: 'spki', format: 'pem' }).toString(),
};
const APP_ID = '2021000000000001';

let sandbox: AlipaySandbox;
beforeAll(async () => {
  sandbox = await startAlipaySandbox({});
  sandbox.registerApp({ appId: APP_ID, appPublicKeyPem: pem.public });
});
afterAll(() => sandbox.close());

function call(overrides: Partial<AlipayConfig> = {}, timeoutMs = 2000): ChannelCall<AlipayConfig> {
  const config = alipay.configSchema.parse({
    appId: APP_ID,
    privateKey: pem.private,
    alipayPublicKey: sandbox.alipayPublicKeyPem,
    gatewayUrl: sandbox.gatewayUrl,
    ...overrides,
  });
  return { config, http: providerHttp, timeoutMs, now: () => new Date() };
}

let seq = 0;
function request(method: string, amount = 1999): CreateRequest {
  return {
    createdAt: new Date(),
    payNo: `P${process.pid}T${Date.now()}N${++seq}`,
    method,
    subject: '测试商品',
    amount,
    currency: 'CNY',
    expiresAt: new Date(Date.now() + 30 * 60_000),
    callbackUrl: 'https://pay.example/callback/alipay',
    returnUrl: 'https://shop.example/done',
  };
}

async function fault(mode: string, count = 1): Promise<void> {
  const res = await fetch(`${sandbox.url}/sandbox/faults`, { method: 'POST', body: JSON.stringify({ mode, count }) });
  expect(res.status).toBe(204);
}
beforeEach(() => fault('timeout', 0));

describe('alipay channel', () => {
  it('serves CNY through qr, page, wap and app', () => {
    expect(alipay.methods).toEqual(['alipay.qr', 'alipay.page', 'alipay.wap', 'alipay.app']);
    expect(alipay.currencies).toEqual(['CNY']);
    expect(alipay.secretFields).toEqual(['privateKey', 'appAuthToken']);
    expect(alipay.configSchema.parse({ appId: APP_ID, privateKey: pem.private, alipayPublicKey: pem.public }).gatewayUrl).toBe(
      'https://openapi.alipay.com/gateway.do',
    );
  });

  it('qr: precreates and answers the QR code; the trade carries the yuan amount and GMT+8 expiry', async () => {
    const req = request('alipay.qr');
    const outcome = await alipay.create(call(), req);
    expect(outcome).toMatchObject({ outcome: 'created', action: { type: 'qr_code' } });
    const trade = (await (await fetch(`${sandbox.url}/sandbox/trades/${req.payNo}`)).json()) as Record<string, string>;
    expect(trade).toMatchObject({ outTradeNo: req.payNo, totalAmount: '19.99', status: 'WAIT_BUYER_PAY', notifyUrl: req.callbackUrl });
    expect(new Date(trade.timeExpire!).getTime()).toBe(Math.floor(req.expiresAt.getTime() / 1000) * 1000);
  });

  it('page and wap: a signed GET URL to the gateway that the gateway accepts', async () => {
    for (const method of ['alipay.page', 'alipay.wap']) {
      const req = request(method);
      const outcome = await alipay.create(call(), req);
      if (outcome.outcome !== 'created' || outcome.action.type !== 'redirect') throw new Error(`expected a redirect, got ${JSON.stringify(outcome)}`);
      const url = new URL(outcome.action.value);
      expect(`${url.origin}${url.pathname}`).toBe(sandbox.gatewayUrl);
      expect(url.searchParams.get('return_url')).toBe(req.returnUrl);
      const biz = JSON.parse(url.searchParams.get('biz_content')!);
      expect(biz.product_code).toBe(method === 'alipay.page' ? 'FAST_INSTANT_TRADE_PAY' : 'QUICK_WAP_WAY');
      expect(biz.quit_url).toBe(method === 'alipay.wap' ? req.returnUrl : undefined);
      const page = await fetch(url);
      expect(await page.text()).toContain(req.payNo);
      expect(await alipay.query(call(), { createdAt: new Date(), payNo: req.payNo, currency: 'CNY' })).toMatchObject({ status: 'PENDING', amount: 1999 });
    }
  });

  it('refuses other methods and currencies before calling Alipay', async () => {
    await expect(alipay.create(call(), request('alipay.barcode'))).rejects.toThrow(/no method/);
    await expect(alipay.create(call(), { ...request('alipay.qr'), currency: 'USD' })).rejects.toThrow(/CNY only/);
  });
});

describe('error mapping', () => {
  const unavailable = async (promise: Promise<unknown>) => {
    await expect(promise).rejects.toBeInstanceOf(ProviderUnavailable);
  };

  it('timeout → ProviderUnavailable', async () => {
    await fault('timeout');
    await unavailable(alipay.create(call({}, 300), request('alipay.qr')));
  });

  it('HTTP 500 → ProviderUnavailable', async () => {
    await fault('http500');
    await unavailable(alipay.query(call(), { createdAt: new Date(), payNo: 'P1', currency: 'CNY' }));
  });

  it('network error → ProviderUnavailable', async () => {
    await unavailable(alipay.create(call({ gatewayUrl: 'http://127.0.0.1:1/gateway.do' }), request('alipay.qr')));
  });

  it('code 20000 → ProviderUnavailable', async () => {
    await fault('code20000');
    await unavailable(alipay.create(call(), request('alipay.qr')));
  });

  it('bad response signature → ProviderUnavailable, although the trade was created', async () => {
    await fault('badsign');
    const req = request('alipay.qr');
    await unavailable(alipay.create(call(), req));
    expect((await fetch(`${sandbox.url}/sandbox/trades/${req.payNo}`)).status).toBe(200);
  });

  it('unsigned error_response (unknown app_id) → ProviderUnavailable', async () => {
    await expect(alipay.create(call({ appId: '2021999999999999' }), request('alipay.qr'))).rejects.toThrow(/isv.invalid-app-id/);
  });

  it('40004 → refused with sub_code and sub_msg', async () => {
    const req = request('alipay.qr');
    await alipay.create(call(), req);
    expect(await alipay.create(call(), { ...req, amount: 2000 })).toEqual({
      outcome: 'refused',
      code: 'ACQ.CONTEXT_INCONSISTENT',
      message: '交易信息被篡改',
    });
  });

  it('40002 isv.invalid-signature (wrong app key) → refused', async () => {
    const wrongKey = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    expect(await alipay.create(call({ privateKey: wrongKey }), request('alipay.qr'))).toMatchObject({
      outcome: 'refused',
      code: 'isv.invalid-signature',
    });
  });

  it('a retried precreate for a closed trade is not a refusal: ProviderUnavailable, and query tells the state', async () => {
    const req = { ...request('alipay.qr'), expiresAt: new Date(Date.now() - 1000) };
    const created = await alipay.create(call(), req);
    if (created.outcome !== 'created' || created.action.type !== 'qr_code') throw new Error('expected a QR code');
    await fetch(created.action.value); // the buyer scans
    await expect(alipay.create(call(), req)).rejects.toThrow(/ACQ.TRADE_HAS_CLOSE/);
    expect(await alipay.query(call(), { createdAt: new Date(), payNo: req.payNo, currency: 'CNY' })).toMatchObject({ status: 'CLOSED', providerStatus: 'TRADE_CLOSED' });
  });

  it('query: ACQ.TRADE_NOT_EXIST → NOT_FOUND; other refusals → ProviderUnavailable', async () => {
    expect(await alipay.query(call(), { createdAt: new Date(), payNo: 'P-never-created', currency: 'CNY' })).toEqual({ status: 'NOT_FOUND' });
    const wrongKey = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    await expect(alipay.query(call({ privateKey: wrongKey }), { createdAt: new Date(), payNo: 'P1', currency: 'CNY' })).rejects.toThrow(/isv.invalid-signature/);
  });
});
