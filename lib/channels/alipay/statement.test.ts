/** The trade bill against the local Alipay sandbox over real HTTP (signed query, zip of GBK CSVs), and the CSV parser. */
import { generateKeyPairSync } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAlipaySandbox, type AlipaySandbox } from '../../../infra/local/sandbox/alipay/index.ts';
import { ProviderUnavailable } from '../../domain/errors.ts';
import { providerHttp } from '../../http/provider-http.ts';
import { chinaDayOf } from '../../statements/china-day.ts';
import type { ChannelCall } from '../channel.ts';
import type { AlipayConfig } from './config.ts';
import { alipay } from './index.ts';
import { parseTradeBill } from './statement.ts';

const keys = generateKeyPairSync('rsa', { modulusLength: 2048 });
const APP_ID = '2021000000000077';
let sandbox: AlipaySandbox;
let call: ChannelCall<AlipayConfig>;

beforeAll(async () => {
  sandbox = await startAlipaySandbox({});
  sandbox.registerApp({ appId: APP_ID, appPublicKeyPem: keys.publicKey.export({ type: 'spki', format: 'pem' }).toString() });
  const config = alipay.configSchema.parse({
    appId: APP_ID,
    privateKey: keys.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    alipayPublicKey: sandbox.alipayPublicKeyPem,
    gatewayUrl: sandbox.gatewayUrl,
  });
  call = { config, http: providerHttp, timeoutMs: 5000, now: () => new Date() };
});
afterAll(() => sandbox.close());

let seq = 0;
async function paidTrade(amount: number): Promise<string> {
  const payNo = `P${process.pid}S${Date.now()}N${++seq}`;
  const created = await alipay.create(call, { createdAt: new Date(),
    payNo, method: 'alipay.qr', subject: '测试商品, 含逗号', amount, currency: 'CNY',
    expiresAt: new Date(Date.now() + 600_000), callbackUrl: 'https://pay.example/cb',
  });
  expect(created.outcome).toBe('created');
  const res = await fetch(`${sandbox.url}/sandbox/trades/${payNo}/pay`, { method: 'POST' });
  expect(res.status).toBe(200);
  return payNo;
}

async function plant(body: object): Promise<void> {
  const res = await fetch(`${sandbox.url}/sandbox/statements/plant`, { method: 'POST', body: JSON.stringify(body) });
  expect(res.status, await res.text()).toBe(204);
}

describe('alipay statement', () => {
  it("reads the day's bill: trades, refunds summed, a full refund as REFUNDED, planted rows", async () => {
    const [a, b, c] = [await paidTrade(1999), await paidTrade(2500), await paidTrade(300)];
    expect(await alipay.refund(call, { payment: { payNo: b, amount: 2500, currency: 'CNY' }, refundNo: `R${b}`, amount: 500, callbackUrl: 'https://pay.example/cb' })).toMatchObject({ outcome: 'succeeded' });
    await plant({ appId: APP_ID, outTradeNo: 'PHANTOM' + seq, amount: 777 });
    await plant({ outTradeNo: c, status: 'REFUNDED' });

    const lines = await alipay.statement!(call, chinaDayOf(new Date()));
    const byPayNo = new Map(lines.map((l) => [l.payNo, l]));
    expect(lines).toHaveLength(4);
    expect(byPayNo.get(a)).toMatchObject({ amount: 1999, currency: 'CNY', status: 'SUCCEEDED', refundedAmount: 0, providerTradeNo: expect.stringMatching(/^\d{28}$/) });
    expect(byPayNo.get(b)).toMatchObject({ amount: 2500, status: 'SUCCEEDED', refundedAmount: 500 });
    expect(byPayNo.get(c)).toMatchObject({ amount: 300, status: 'REFUNDED', refundedAmount: 300 });
    expect(byPayNo.get('PHANTOM' + seq)).toMatchObject({ amount: 777, status: 'SUCCEEDED' });
  });

  it('a day without a bill is an empty statement; an unverifiable answer is ProviderUnavailable', async () => {
    expect(await alipay.statement!(call, '2099-01-01')).toEqual([]);
    await fetch(`${sandbox.url}/sandbox/faults`, { method: 'POST', body: JSON.stringify({ mode: 'badsign', count: 1 }) });
    await expect(alipay.statement!(call, chinaDayOf(new Date()))).rejects.toThrow(ProviderUnavailable);
  });

  it('a download that is not a readable zip is ProviderUnavailable, never an empty statement', async () => {
    const broken: ChannelCall<AlipayConfig> = {
      ...call,
      http: async (url, request) => {
        const response = await providerHttp(url, request);
        return String(url).includes('downloadBillFile') ? { ...response, body: Buffer.from('<html>expired</html>').toString('base64') } : response;
      },
    };
    await expect(alipay.statement!(broken, chinaDayOf(new Date()))).rejects.toThrow(/unreadable bill/);
  });
});

describe('parseTradeBill', () => {
  const header = '支付宝交易号,商户订单号,业务类型,商品名称,创建时间,完成时间,门店编号,门店名称,操作员,终端号,对方账户,订单金额（元）,商家实收（元）,支付宝红包（元）,集分宝（元）,支付宝优惠（元）,商家优惠（元）,券核销金额（元）,券名称,商家红包消费金额（元）,卡消费金额（元）,退款批次号/请求号,服务费（元）,分润（元）,备注';
  const row = (type: string, amount: string, no = 'P1') => `2026112422001\t,${no}\t,${type},T,2026-11-20 10:00:00,2026-11-24 10:00:00,,,,,x,${amount},${amount},0.00,0.00,0.00,0.00,0.00,,0.00,0.00,,0.00,0.00,`;

  it('a refund of a trade paid on another day has no amount and stays SUCCEEDED', () => {
    expect(parseTradeBill(['#支付宝业务明细查询', header, row('退款', '-5.00'), '#交易合计：0笔，退款合计：1笔'].join('\n'))).toEqual([
      { payNo: 'P1', providerTradeNo: '2026112422001', currency: 'CNY', status: 'SUCCEEDED', refundedAmount: 500, at: '2026-11-24T02:00:00.000Z' },
    ]);
  });

  it('refuses what it cannot read exactly', () => {
    expect(() => parseTradeBill([header, row('交易', '1.999')].join('\n'))).toThrow(/malformed/);
    expect(() => parseTradeBill([header, row('转账', '1.00')].join('\n'))).toThrow(/业务类型/);
    expect(() => parseTradeBill(['支付宝交易号,商户订单号', 'x,y'].join('\n'))).toThrow(/no column/);
    expect(() => parseTradeBill([header, row('交易', '1.00'), row('交易', '1.00')].join('\n'))).toThrow(/two trade rows/);
  });
});
