/** Create → get → list through API Gateway, the authorizer, the real handlers and the Alipay sandbox. */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Merchant } from '../infra/local/merchants.ts';
import { call, newMerchant, sampleBody, target } from './support/target.ts';

let merchant: Merchant;
beforeAll(async () => {
  merchant = await newMerchant('payments');
});

describe('create, get and list', () => {
  it('creates an Alipay QR payment that the provider knows', async () => {
    const body = sampleBody({ orderAmount: 2199, metadata: { order: 'A1001' }, notifyUrl: 'https://m.example/payee/notify' });
    const created = await call(merchant.apiKey, 'POST', '/v1/payments', { body });
    expect(created.status).toBe(201);
    const p = created.body;
    expect(p).toMatchObject({
      status: 'PENDING',
      method: 'alipay.qr',
      channel: 'alipay',
      outTradeNo: body.outTradeNo,
      amount: 1999,
      orderAmount: 2199,
      currency: 'CNY',
      payId: merchant.payId,
      metadata: { order: 'A1001' },
      action: { type: 'qr_code' },
    });
    expect(p.payNo).toMatch(/^P[0-9A-Z]{26}$/);
    expect(new URL(p.action.value).pathname).toMatch(/\/bax0/);
    expect(created.headers.get('location')).toBe(`/v1/payments/${p.payNo}`);
    expect(p).not.toHaveProperty('companyId');

    const sandbox = target().sandbox;
    if (sandbox) {
      const trade = await (await fetch(`${sandbox.alipay.url}/sandbox/trades/${p.payNo}`)).json();
      expect(trade).toMatchObject({ outTradeNo: p.payNo, totalAmount: '19.99', subject: 'T-shirt', qrCode: expect.any(String) });
    }

    const got = await call(merchant.apiKey, 'GET', `/v1/payments/${p.payNo}`);
    expect(got.status).toBe(200);
    expect(got.body).toEqual(p);

    const byOut = await call(merchant.apiKey, 'GET', `/v1/payments?outTradeNo=${body.outTradeNo}`);
    expect(byOut.status).toBe(200);
    expect(byOut.body.data).toEqual([p]);
  });

  it('returns a signed redirect for page and wap, and a signed order string for app', async () => {
    for (const [method, type] of [['alipay.page', 'redirect'], ['alipay.wap', 'redirect'], ['alipay.app', 'app_params']] as const) {
      const res = await call(merchant.apiKey, 'POST', '/v1/payments', {
        body: sampleBody({ method, returnUrl: 'https://m.example/return' }),
      });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      expect(res.body.action.type).toBe(type);
      const params = new URLSearchParams(type === 'redirect' ? new URL(res.body.action.value).search : res.body.action.value);
      expect(params.get('sign_type')).toBe('RSA2');
      expect(params.get('sign')).toBeTruthy();
      expect(JSON.parse(params.get('biz_content')!)).toMatchObject({ out_trade_no: res.body.payNo, total_amount: '19.99' });
    }
  });

  it('lists newest first with a cursor that walks every payment once', async () => {
    const m = await newMerchant('list');
    const made: string[] = [];
    for (let i = 0; i < 5; i++) {
      const res = await call(m.apiKey, 'POST', '/v1/payments', { body: sampleBody() });
      expect(res.status).toBe(201);
      made.push(res.body.payNo);
    }
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await call(m.apiKey, 'GET', `/v1/payments?limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      expect(page.status).toBe(200);
      expect(page.body.data.length).toBeLessThanOrEqual(2);
      seen.push(...page.body.data.map((p: { payNo: string }) => p.payNo));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(seen).toEqual([...made].reverse());
  });

  it('lists from createdFrom (inclusive) to createdTo (exclusive)', async () => {
    const m = await newMerchant('list-range');
    const created = (await call(m.apiKey, 'POST', '/v1/payments', { body: sampleBody() })).body;
    const at = created.createdAt as string;
    const after = new Date(Date.parse(at) + 1).toISOString();
    const list = async (from: string, to: string) =>
      (await call(m.apiKey, 'GET', `/v1/payments?createdFrom=${from}&createdTo=${to}`)).body.data.map((p: { payNo: string }) => p.payNo);
    expect(await list(at, after)).toEqual([created.payNo]);
    expect(await list(new Date(Date.parse(at) - 60_000).toISOString(), at)).toEqual([]);
  });

  it('refuses a cursor it did not make', async () => {
    const forged = Buffer.from(JSON.stringify({ m: '2026-01', k: { GSI2PK: 'CO#Cother#2026-01', GSI2SK: 'x', PK: 'x', SK: 'y' } })).toString('base64url');
    for (const cursor of ['garbage', forged]) {
      const res = await call(merchant.apiKey, 'GET', `/v1/payments?cursor=${cursor}`);
      expect(res.status).toBe(400);
      expect(res.body.error.param).toBe('cursor');
    }
  });

  it('keeps outTradeNo unique per company, not across companies', async () => {
    const body = sampleBody();
    const first = await call(merchant.apiKey, 'POST', '/v1/payments', { body });
    expect(first.status).toBe(201);
    const again = await call(merchant.apiKey, 'POST', '/v1/payments', { body: { ...body, amount: 100 } });
    expect(again.status).toBe(409);
    expect(again.body.error).toMatchObject({ type: 'conflict', code: 'duplicate_out_trade_no', param: 'outTradeNo', payNo: first.body.payNo });
    expect(again.body.error.message).toContain(first.body.payNo);
    const other = await newMerchant('other');
    expect((await call(other.apiKey, 'POST', '/v1/payments', { body })).status).toBe(201);
  });

  it('never shows a company another company\'s payment', async () => {
    const other = await newMerchant('nosy');
    const mine = await call(merchant.apiKey, 'POST', '/v1/payments', { body: sampleBody() });
    const peek = await call(other.apiKey, 'GET', `/v1/payments/${mine.body.payNo}`);
    expect(peek.status).toBe(404);
    expect(peek.body.error.code).toBe('resource_missing');
    const byOut = await call(other.apiKey, 'GET', `/v1/payments?outTradeNo=${mine.body.outTradeNo}`);
    expect(byOut.body.data).toEqual([]);
    const list = await call(other.apiKey, 'GET', '/v1/payments');
    expect(list.body.data.map((p: { payNo: string }) => p.payNo)).not.toContain(mine.body.payNo);
  });

  it('serves the OpenAPI document that describes what it returns', async () => {
    const res = await call(merchant.apiKey, 'GET', '/v1/openapi.json');
    expect(res.status).toBe(200);
    expect(res.body.openapi).toBe('3.1.0');
    const payment = res.body.components.schemas.Payment;
    const created = await call(merchant.apiKey, 'POST', '/v1/payments', { body: sampleBody() });
    for (const field of payment.required) expect(created.body).toHaveProperty(field);
    for (const field of Object.keys(created.body)) expect(payment.properties).toHaveProperty(field);
    const request = res.body.components.schemas.CreatePaymentRequest;
    expect(request.additionalProperties).toBe(false);
    expect(request.properties.method.enum).toContain('alipay.qr');
  });
});
