/** The trade bill against the local WeChat Pay sandbox over real HTTP (signed query, unsigned download checked by SHA-1), and the CSV parser. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWechatSandbox } from '../../../infra/local/sandbox/wechat/index.ts';
import { ProviderUnavailable } from '../../domain/errors.ts';
import { providerHttp } from '../../http/provider-http.ts';
import { chinaDayOf } from '../../statements/china-day.ts';
import type { ChannelCall } from '../channel.ts';
import { wechatConfigSchema, type WechatDirectConfig } from './config.ts';
import { wechat } from './index.ts';
import { parseTradeBill } from './statement.ts';

let sandbox: { url: string; close(): Promise<void> };
let call: ChannelCall<WechatDirectConfig>;

beforeAll(async () => {
  sandbox = await startWechatSandbox({ notifyTimeScale: 1 / 1000 });
  const res = await fetch(`${sandbox.url}/sandbox/merchants`, { method: 'POST', body: '{}' });
  const config = wechatConfigSchema.parse(((await res.json()) as { payeeConfig: unknown }).payeeConfig);
  call = { config, http: providerHttp, timeoutMs: 5000, now: () => new Date() };
});
afterAll(() => sandbox.close());

let seq = 0;
async function paidTrade(amount: number): Promise<string> {
  const payNo = `P${process.pid}W${Date.now()}N${++seq}`;
  const created = await wechat.create(call, { createdAt: new Date(),
    payNo, method: 'wechat.native', subject: '测试商品', amount, currency: 'CNY',
    expiresAt: new Date(Date.now() + 600_000), callbackUrl: 'http://127.0.0.1:9/cb',
  });
  expect(created.outcome).toBe('created');
  const res = await fetch(`${sandbox.url}/sandbox/trades/${payNo}/pay`, { method: 'POST', body: '{}' });
  expect(res.status).toBe(200);
  return payNo;
}

async function plant(body: object): Promise<void> {
  const res = await fetch(`${sandbox.url}/sandbox/statements/plant`, { method: 'POST', body: JSON.stringify(body) });
  expect(res.status, await res.text()).toBe(204);
}

describe('wechat statement', () => {
  it('a day without trades has no bill: an empty statement', async () => {
    expect(await wechat.statement!(call, chinaDayOf(new Date()))).toEqual([]);
  });

  it("reads the day's bill: trades, planted amount, omission and phantom", async () => {
    const [a, b, c] = [await paidTrade(1999), await paidTrade(2500), await paidTrade(300)];
    await plant({ outTradeNo: b, amount: 2600 });
    await plant({ outTradeNo: c, status: 'OMITTED' });
    await plant({ mchid: call.config.mchid, outTradeNo: `PHANTOM${seq}`, amount: 888 });

    const lines = await wechat.statement!(call, chinaDayOf(new Date()));
    const byPayNo = new Map(lines.map((l) => [l.payNo, l]));
    expect([...byPayNo.keys()].sort()).toEqual([a, b, `PHANTOM${seq}`].sort());
    expect(byPayNo.get(a)).toMatchObject({ amount: 1999, currency: 'CNY', status: 'SUCCEEDED', refundedAmount: 0, providerTradeNo: expect.stringMatching(/^42000\d{23}$/) });
    expect(byPayNo.get(b)).toMatchObject({ amount: 2600 });
    expect(byPayNo.get(`PHANTOM${seq}`)).toMatchObject({ amount: 888, status: 'SUCCEEDED' });
  });

  it('a download whose bytes do not match the signed hash_value is refused', async () => {
    const tampered: ChannelCall<WechatDirectConfig> = {
      ...call,
      http: async (url, request) => {
        const response = await providerHttp(url, request);
        if (!String(url).includes('/v3/billdownload/')) return response;
        const text = Buffer.from(response.body, 'base64').toString('utf8').replace('19.99', '19.98');
        return { ...response, body: Buffer.from(text).toString('base64') };
      },
    };
    await expect(wechat.statement!(tampered, chinaDayOf(new Date()))).rejects.toThrow(/hash_value/);
    await expect(wechat.statement!(tampered, chinaDayOf(new Date()))).rejects.toThrow(ProviderUnavailable);
  });
});

describe('parseTradeBill', () => {
  const header = '交易时间,公众账号ID,商户号,特约商户号,设备号,微信订单号,商户订单号,用户标识,交易类型,交易状态,付款银行,货币种类,应结订单金额,代金券金额,微信退款单号,商户退款单号,退款金额,充值券退款金额,退款类型,退款状态,商品名称,商户数据包,手续费,费率,订单金额,申请退款金额,费率备注';
  const row = (state: string, refund: string, refundState = 'SUCCESS') =>
    ['2026-11-24 10:00:00', 'wx1', '1600000001', '0', '', '4200000001', 'P1', 'o1', 'NATIVE', state, 'OTHERS', 'CNY', '5.00', '0.00', '5000001', 'R1', refund, '0.00', 'ORIGINAL', refundState, 'T', '', '0.00000', '0.60%', '5.00', refund, ''].map((f) => `\`${f}`).join(',');
  const summary = ['总交易单数,应结订单总金额,退款总金额,充值券退款总金额,手续费总金额,订单总金额,申请退款总金额', '`1,`5.00,`0.00,`0.00,`0.00000,`5.00,`0.00'];

  it('sums successful refunds; one still processing moved no money', () => {
    const text = ['\ufeff' + header, row('SUCCESS', '0.00'), row('REFUND', '2.00'), row('REFUND', '3.00'), row('REFUND', '1.00', 'PROCESSING'), ...summary].join('\r\n');
    expect(parseTradeBill(text)).toEqual([
      { payNo: 'P1', providerTradeNo: '4200000001', amount: 500, currency: 'CNY', status: 'REFUNDED', refundedAmount: 500, at: '2026-11-24T02:00:00.000Z' },
    ]);
  });

  it('refuses what it cannot read exactly', () => {
    expect(() => parseTradeBill([header, row('SUCCESS', '0.00')].join('\n'))).toThrow(/summary/);
    expect(() => parseTradeBill([header, row('PAYERROR', '0.00'), ...summary].join('\n'))).toThrow(/交易状态/);
    expect(() => parseTradeBill([header, row('REFUND', '1.2.3'), ...summary].join('\n'))).toThrow(/退款金额/);
  });
});
