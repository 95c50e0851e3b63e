/**
 * The sandbox against two independent clients: payee's Alipay channel and the official alipay-sdk.
 */
import { providerHttp } from '../../../../lib/http/provider-http.ts';
import { generateKeyPairSync } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AlipaySdk } from 'alipay-sdk';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { alipay } from '../../../../lib/channels/alipay/index.ts';
import type { ChannelCall } from '../../../../lib/channels/channel.ts';
import type { AlipayConfig } from '../../../../lib/channels/alipay/config.ts';
import { startAlipaySandbox, type AlipaySandbox } from './index.ts';
import { PUBLIC_KEY_FILE } from './keys.ts';

function appKeys() {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return {
    privatePem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    publicPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
  };
}

const APP_ID = '2021000000000002';
const keys = appKeys();
let sandbox: AlipaySandbox;
let sdk: AlipaySdk;

beforeAll(async () => {
  sandbox = await startAlipaySandbox({ port: 0 });
  // Over HTTP, as `npm start` registers the demo merchant's app.
  const res = await fetch(`${sandbox.url}/sandbox/apps`, {
    method: 'POST',
    body: JSON.stringify({ appId: APP_ID, appPublicKeyPem: keys.publicPem, sellerId: '2088000000000002' }),
  });
  expect(res.status).toBe(204);
  sdk = new AlipaySdk({
    appId: APP_ID,
    privateKey: keys.privatePem,
    keyType: 'PKCS8',
    alipayPublicKey: sandbox.alipayPublicKeyPem,
    gateway: sandbox.gatewayUrl,
  });
  // alipay-sdk writes `timestamp` in the process time zone; Alipay expects GMT+8 (PROTOCOLS.md §1.1).
  vi.stubEnv('TZ', 'Asia/Shanghai');
});
afterAll(async () => {
  vi.unstubAllEnvs();
  await sandbox.close();
});

let seq = 0;
const outTradeNo = () => `T${process.pid}${Date.now()}${++seq}`;
const precreate = (no: string, totalAmount: unknown, extra: Record<string, unknown> = {}) =>
  sdk.exec('alipay.trade.precreate', { bizContent: { out_trade_no: no, total_amount: totalAmount, subject: '测试', ...extra } }, { validateSign: true });
/** The sandbox's trade as its hook serialises it (dates as ISO strings). */
const trade = async (no: string) => (await (await fetch(`${sandbox.url}/sandbox/trades/${no}`)).json()) as Record<string, string>;

describe('with alipay-sdk exec() (the official client)', () => {
  it('precreates: the SDK verifies the signed reply; the raw reply escapes / as \\/', async () => {
    const no = outTradeNo();
    const reply = await precreate(no, '0.01');
    expect(reply).toMatchObject({ code: '10000', msg: 'Success', outTradeNo: no });
    expect(reply.qrCode).toMatch(new RegExp(`^${sandbox.url}/qr/bax0[a-z0-9]{21}$`));
    expect(await trade(no)).toMatchObject({ sellerId: '2088000000000002', totalAmount: '0.01', status: 'WAIT_BUYER_PAY' });
    expect((await trade(no)).tradeNo).toMatch(/^20\d{26}$/);

    // Read the raw text as Alipay would write it (a GET carrying every parameter is accepted too).
    const signedGet = sdk.pageExecute('alipay.trade.precreate', 'GET', { bizContent: { out_trade_no: no, total_amount: '0.01', subject: '测试' } });
    const raw = await (await fetch(signedGet)).text();
    expect(raw).toContain(`"qr_code":"${sandbox.url.replaceAll('/', '\\/')}\\/qr\\/bax0`);
  });

  it('is idempotent per out_trade_no and amount; a different amount is ACQ.CONTEXT_INCONSISTENT', async () => {
    const no = outTradeNo();
    const first = await precreate(no, '12.30');
    expect((await precreate(no, 12.3)).qrCode).toBe(first.qrCode);
    expect(await precreate(no, '12.31')).toMatchObject({ code: '40004', subCode: 'ACQ.CONTEXT_INCONSISTENT' });
  });

  it('queries: ACQ.TRADE_NOT_EXIST until the buyer scans the QR, then WAIT_BUYER_PAY', async () => {
    const no = outTradeNo();
    const { qrCode } = await precreate(no, '5');
    const query = () => sdk.exec('alipay.trade.query', { bizContent: { out_trade_no: no } }, { validateSign: true });
    expect(await query()).toMatchObject({ code: '40004', subCode: 'ACQ.TRADE_NOT_EXIST' });
    expect(await (await fetch(qrCode)).text()).toContain(no);
    const { tradeNo } = await trade(no);
    expect(await query()).toMatchObject({ code: '10000', outTradeNo: no, tradeNo, tradeStatus: 'WAIT_BUYER_PAY', totalAmount: '5.00' });
    const byTradeNo = await sdk.exec('alipay.trade.query', { bizContent: { trade_no: tradeNo } }, { validateSign: true });
    expect(byTradeNo).toMatchObject({ code: '10000', outTradeNo: no });
  });

  it('validates biz_content', async () => {
    const invalid = { code: '40002', subCode: 'isv.invalid-parameter' };
    for (const amount of ['0', '0.00', '1.001', '100000000.01', '-1', '1e3', ' 1']) {
      expect(await precreate(outTradeNo(), amount), amount).toMatchObject(invalid);
    }
    expect(await precreate(outTradeNo(), '100000000')).toMatchObject({ code: '10000' });
    expect(await precreate(outTradeNo(), '1', { time_expire: '2026-02-30 10:00:00' })).toMatchObject(invalid);
    const missing = await sdk.exec('alipay.trade.precreate', { bizContent: { total_amount: '1', subject: 's' } }, { validateSign: true });
    expect(missing).toMatchObject({ code: '40002', subCode: 'isv.missing-parameter' });
    expect(missing.subMsg).toContain('out_trade_no');
  });

  it("answers isv.invalid-signature, signed, when the request was signed with another key", async () => {
    const other = new AlipaySdk({ appId: APP_ID, privateKey: appKeys().privatePem, keyType: 'PKCS8', alipayPublicKey: sandbox.alipayPublicKeyPem, gateway: sandbox.gatewayUrl });
    const reply = await other.exec('alipay.trade.precreate', { bizContent: { out_trade_no: outTradeNo(), total_amount: '1', subject: 's' } }, { validateSign: true });
    expect(reply).toMatchObject({ code: '40002', subCode: 'isv.invalid-signature' });
    expect(reply.subMsg).toContain('app_id=2021000000000002&biz_content=');
  });

  it('answers an unsigned error_response for an unknown app_id', async () => {
    const stranger = new AlipaySdk({ appId: '2021000000009999', privateKey: keys.privatePem, keyType: 'PKCS8', gateway: sandbox.gatewayUrl });
    expect(await stranger.exec('alipay.trade.query', { bizContent: { out_trade_no: 'x' } })).toMatchObject({ code: '40002', subCode: 'isv.invalid-app-id' });
  });

  it('rejects a timestamp that is not GMT+8 (the SDK in a UTC process)', async () => {
    vi.stubEnv('TZ', 'UTC');
    try {
      expect(await precreate(outTradeNo(), '1')).toMatchObject({ code: '40002', subCode: 'isv.invalid-timestamp' });
    } finally {
      vi.stubEnv('TZ', 'Asia/Shanghai');
    }
  });

  it('page pay: the browser GET from pageExecute opens the cashier and makes the trade visible', async () => {
    const no = outTradeNo();
    const url = sdk.pageExecute('alipay.trade.page.pay', 'GET', {
      bizContent: { out_trade_no: no, total_amount: '8.88', subject: '网页', product_code: 'FAST_INSTANT_TRADE_PAY' },
      returnUrl: 'https://shop.example/done',
    });
    const page = await fetch(url);
    expect(page.headers.get('content-type')).toContain('text/html');
    expect(await page.text()).toContain(no);
    expect(await trade(no)).toMatchObject({ createdBy: 'alipay.trade.page.pay', returnUrl: 'https://shop.example/done', totalAmount: '8.88' });
    expect(await sdk.exec('alipay.trade.query', { bizContent: { out_trade_no: no } })).toMatchObject({ tradeStatus: 'WAIT_BUYER_PAY' });

    const tampered = new URL(url);
    tampered.searchParams.set('return_url', 'https://evil.example/');
    const error = await (await fetch(tampered)).text();
    expect(error).toContain('isv.invalid-signature');
  });
});

describe('close and refund, with alipay-sdk exec()', () => {
  const exec = (method: string, bizContent: Record<string, unknown>) => sdk.exec(method, { bizContent }, { validateSign: true });
  const pay = (no: string) => fetch(`${sandbox.url}/sandbox/trades/${no}/pay`, { method: 'POST' });
  async function scanned(total: string): Promise<string> {
    const no = outTradeNo();
    await fetch((await precreate(no, total)).qrCode);
    return no;
  }

  it('close: an unscanned QR does not exist yet; a waiting trade closes and cannot be paid; closing again or a paid trade is ACQ.TRADE_STATUS_ERROR', async () => {
    const unscanned = outTradeNo();
    await precreate(unscanned, '1');
    expect(await exec('alipay.trade.close', { out_trade_no: unscanned })).toMatchObject({ code: '40004', subCode: 'ACQ.TRADE_NOT_EXIST' });

    const no = await scanned('1');
    const { tradeNo } = await trade(no);
    expect(await exec('alipay.trade.close', { trade_no: tradeNo })).toMatchObject({ code: '10000', outTradeNo: no, tradeNo });
    expect(await trade(no)).toMatchObject({ status: 'TRADE_CLOSED' });
    expect((await pay(no)).status).toBe(409);
    expect(await exec('alipay.trade.close', { out_trade_no: no })).toMatchObject({ code: '40004', subCode: 'ACQ.TRADE_STATUS_ERROR' });

    const paid = await scanned('1');
    expect((await pay(paid)).status).toBe(200);
    expect(await exec('alipay.trade.close', { out_trade_no: paid })).toMatchObject({ code: '40004', subCode: 'ACQ.TRADE_STATUS_ERROR' });
    expect(await exec('alipay.trade.close', {})).toMatchObject({ code: '40002', subCode: 'isv.missing-parameter' });
  });

  it('refund: up to the total, idempotent per out_request_no; refund query finds only refunds made', async () => {
    const no = await scanned('10');
    expect(await exec('alipay.trade.refund', { out_trade_no: no, refund_amount: '1', out_request_no: 'r1' })).toMatchObject({ code: '40004', subCode: 'ACQ.TRADE_STATUS_ERROR' });
    await pay(no);
    const first = await exec('alipay.trade.refund', { out_trade_no: no, refund_amount: '2.5', out_request_no: 'r1' });
    expect(first).toMatchObject({ code: '10000', fundChange: 'Y', refundFee: '2.50', outTradeNo: no });
    expect(first.gmtRefundPay).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
    expect(await exec('alipay.trade.refund', { out_trade_no: no, refund_amount: '2.50', out_request_no: 'r1' })).toMatchObject({ code: '10000', fundChange: 'N', refundFee: '2.50' });
    expect(await exec('alipay.trade.refund', { out_trade_no: no, refund_amount: '3', out_request_no: 'r1' })).toMatchObject({ subCode: 'ACQ.DISCORDANT_REPEAT_REQUEST' });
    expect(await exec('alipay.trade.refund', { out_trade_no: no, refund_amount: '7.51', out_request_no: 'r2' })).toMatchObject({ subCode: 'ACQ.REFUND_AMT_NOT_EQUAL_TOTAL' });
    expect(await exec('alipay.trade.refund', { out_trade_no: no, refund_amount: '0', out_request_no: 'r2' })).toMatchObject({ code: '40002', subCode: 'isv.invalid-parameter' });

    const query = (outRequestNo: string) => exec('alipay.trade.fastpay.refund.query', { out_trade_no: no, out_request_no: outRequestNo });
    expect(await query('r1')).toMatchObject({ code: '10000', outRequestNo: 'r1', refundAmount: '2.50', totalAmount: '10.00', refundStatus: 'REFUND_SUCCESS' });
    const none = await query('r2');
    expect(none).toMatchObject({ code: '10000', outTradeNo: no });
    expect(none.refundStatus).toBeUndefined();

    expect(await exec('alipay.trade.refund', { out_trade_no: no, refund_amount: '7.50', out_request_no: 'r2' })).toMatchObject({ fundChange: 'Y', refundFee: '10.00' });
    expect(await trade(no)).toMatchObject({ status: 'TRADE_CLOSED' });
    // The last refund replayed after it closed the trade is still answered as that refund.
    expect(await exec('alipay.trade.refund', { out_trade_no: no, refund_amount: '7.50', out_request_no: 'r2' })).toMatchObject({ fundChange: 'N' });
    expect(await exec('alipay.trade.refund', { out_trade_no: no, refund_amount: '0.01', out_request_no: 'r3' })).toMatchObject({ subCode: 'ACQ.TRADE_STATUS_ERROR' });
  });

  it('refund: a finished trade is ACQ.TRADE_HAS_FINISHED', async () => {
    const no = await scanned('1');
    await pay(no);
    await fetch(`${sandbox.url}/sandbox/trades/${no}/finish`, { method: 'POST' });
    expect(await exec('alipay.trade.refund', { out_trade_no: no, refund_amount: '1', out_request_no: 'r1' })).toMatchObject({ subCode: 'ACQ.TRADE_HAS_FINISHED' });
  });
});

describe("with payee's channel", () => {
  function call(): ChannelCall<AlipayConfig> {
    const config = alipay.configSchema.parse({
      appId: APP_ID,
      privateKey: keys.privatePem,
      alipayPublicKey: sandbox.alipayPublicKeyPem,
      gatewayUrl: sandbox.gatewayUrl,
    });
    return { config, http: providerHttp, timeoutMs: 2000, now: () => new Date() };
  }

  it('create → query NOT_FOUND → buyer scans → query PENDING', async () => {
    const payNo = outTradeNo();
    const created = await alipay.create(call(), { createdAt: new Date(),
      payNo,
      method: 'alipay.qr',
      subject: '测试商品',
      amount: 1,
      currency: 'CNY',
      expiresAt: new Date(Date.now() + 15 * 60_000),
      callbackUrl: 'https://pay.example/callback/alipay',
    });
    if (created.outcome !== 'created' || created.action.type !== 'qr_code') throw new Error(JSON.stringify(created));
    expect(await alipay.query(call(), { createdAt: new Date(), payNo, currency: 'CNY' })).toEqual({ status: 'NOT_FOUND' });
    await fetch(created.action.value);
    const { tradeNo } = await trade(payNo);
    expect(await alipay.query(call(), { createdAt: new Date(), payNo, currency: 'CNY' })).toEqual({
      status: 'PENDING',
      providerTradeNo: tradeNo,
      amount: 1,
      currency: 'CNY',
      paidAt: undefined,
      providerStatus: 'WAIT_BUYER_PAY',
    });
  });
});

describe('simulator hooks', () => {
  const post = (path: string, body: unknown) => fetch(`${sandbox.url}${path}`, { method: 'POST', body: JSON.stringify(body) });

  it('fails exactly the next N gateway calls', async () => {
    expect((await post('/sandbox/faults', { mode: 'http500', count: 2 })).status).toBe(204);
    await expect(precreate(outTradeNo(), '1')).rejects.toThrow(/status: 500/);
    await expect(precreate(outTradeNo(), '1')).rejects.toThrow(/status: 500/);
    expect(await precreate(outTradeNo(), '1')).toMatchObject({ code: '10000' });
  });

  it('code20000 and badsign faults', async () => {
    await post('/sandbox/faults', { mode: 'code20000', count: 1 });
    expect(await precreate(outTradeNo(), '1')).toMatchObject({ code: '20000', subCode: 'isp.unknow-error' });
    await post('/sandbox/faults', { mode: 'badsign', count: 1 });
    await expect(precreate(outTradeNo(), '1')).rejects.toThrow(/验签失败/);
  });

  it('rejects bad hook input', async () => {
    expect((await post('/sandbox/faults', { mode: 'slow', count: 1 })).status).toBe(400);
    expect((await post('/sandbox/faults', { mode: 'timeout', count: -1 })).status).toBe(400);
    expect((await fetch(`${sandbox.url}/sandbox/faults`, { method: 'POST', body: 'nope' })).status).toBe(400);
    expect((await post('/sandbox/apps', { appId: 'a', appPublicKeyPem: 'not a key' })).status).toBe(400);
    expect((await fetch(`${sandbox.url}/sandbox/trades/unknown`)).status).toBe(404);
  });

  it('lists trades as copies', async () => {
    const no = outTradeNo();
    await precreate(no, '1');
    const listed = sandbox.trades().find((t) => t.outTradeNo === no)!;
    expect(listed).toMatchObject({ appId: APP_ID, totalAmount: '1.00' });
    listed.status = 'TRADE_SUCCESS';
    expect((await trade(no)).status).toBe('WAIT_BUYER_PAY');
  });
});

describe('keyDir', () => {
  it('writes its key pair as PEM files and loads them on the next start', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'alipay-sandbox-'));
    try {
      const first = await startAlipaySandbox({ keyDir: join(dir, 'keys') });
      await first.close();
      expect(await readFile(join(dir, 'keys', PUBLIC_KEY_FILE), 'utf8')).toBe(first.alipayPublicKeyPem);
      const second = await startAlipaySandbox({ keyDir: join(dir, 'keys') });
      await second.close();
      expect(second.alipayPublicKeyPem).toBe(first.alipayPublicKeyPem);
      expect(second.alipayPrivateKeyPem).toBe(first.alipayPrivateKeyPem);
    } finally {
      await rm(dir, { recursive: true });
    }
  });
});
