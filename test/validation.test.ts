/** Every bad input gets a 400 in the error shape, names the field, and changes nothing. */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Merchant } from '../infra/local/merchants.ts';
import { call, companyItems, newMerchant, sampleBody } from './support/target.ts';

let merchant: Merchant;
beforeAll(async () => {
  merchant = await newMerchant('validation');
});

const cases: [string, { body?: unknown; raw?: string | Uint8Array; headers?: Record<string, string> }, string | undefined][] = [
  ['zero amount', { body: sampleBody({ amount: 0 }) }, 'amount'],
  ['negative amount', { body: sampleBody({ amount: -1 }) }, 'amount'],
  ['fractional amount', { body: sampleBody({ amount: 19.99 }) }, 'amount'],
  ['amount as a string', { body: sampleBody({ amount: '1999' }) }, 'amount'],
  ['huge amount', { body: sampleBody({ amount: 1e16 }) }, 'amount'],
  ['orderAmount below amount', { body: sampleBody({ orderAmount: 1000 }) }, 'orderAmount'],
  ['unknown currency', { body: sampleBody({ currency: 'XYZ' }) }, 'currency'],
  ['lower-case currency', { body: sampleBody({ currency: 'cny' }) }, 'currency'],
  ['currency the channel does not take', { body: sampleBody({ currency: 'USD' }) }, 'currency'],
  ['unknown method', { body: sampleBody({ method: 'alipay.barcode' }) }, 'method'],
  ['missing method', { body: { ...sampleBody(), method: undefined } }, 'method'],
  ['missing subject', { body: { ...sampleBody(), subject: undefined } }, 'subject'],
  ['over-long subject', { body: sampleBody({ subject: 'x'.repeat(257) }) }, 'subject'],
  ['over-long outTradeNo', { body: sampleBody({ outTradeNo: 'A'.repeat(65) }) }, 'outTradeNo'],
  ['outTradeNo with spaces', { body: sampleBody({ outTradeNo: 'A 1' }) }, 'outTradeNo'],
  ['unknown field', { body: sampleBody({ discount: 5 }) }, 'discount'],
  ['notifyUrl not http', { body: sampleBody({ notifyUrl: 'ftp://m.example/x' }) }, 'notifyUrl'],
  ['expiresIn too short', { body: sampleBody({ expiresIn: 10 }) }, 'expiresIn'],
  ['too many metadata keys', { body: sampleBody({ metadata: Object.fromEntries(Array.from({ length: 21 }, (_, i) => [`k${i}`, 'v'])) }) }, 'metadata'],
  ['metadata value not a string', { body: sampleBody({ metadata: { a: 1 } }) }, 'metadata.a'],
  ['payId of nobody', { body: sampleBody({ payId: 'cfg_nope' }) }, 'payId'],
  ['malformed JSON', { raw: '{"method":', headers: { 'content-type': 'application/json' } }, 'body'],
  ['a JSON array', { raw: '[]', headers: { 'content-type': 'application/json' } }, 'body'],
  ['a JSON string', { raw: '"x"', headers: { 'content-type': 'application/json' } }, 'body'],
  ['metadata key constructor', { body: sampleBody({ metadata: { constructor: 'x' } }) }, 'metadata.constructor'],
  ['metadata key __proto__', { raw: JSON.stringify(sampleBody()).replace(/}$/, ',"metadata":{"__proto__":"x"}}'), headers: { 'content-type': 'application/json' } }, 'metadata.__proto__'],
  ['NUL in subject', { body: sampleBody({ subject: 'T-shirt\u0000' }) }, 'subject'],
  ['lone surrogate in subject', { body: sampleBody({ subject: 'T-shirt \ud800' }) }, 'subject'],
  ['invalid UTF-8 in subject', { raw: Buffer.concat([Buffer.from('{"method":"alipay.qr","outTradeNo":"U8","subject":"T-sh'), Buffer.from([0xff, 0xfe]), Buffer.from('","amount":1999,"currency":"CNY"}')]), headers: { 'content-type': 'application/json' } }, 'subject'],
  ['control character in a metadata value', { body: sampleBody({ metadata: { note: 'a\u0007b' } }) }, 'metadata.note'],
  ['wechat.jsapi without payer.openid', { body: sampleBody({ method: 'wechat.jsapi' }) }, 'payer.openid'],
  ['wechat.h5 without payer.clientIp', { body: sampleBody({ method: 'wechat.h5', payer: { openid: 'o1' } }) }, 'payer.clientIp'],
  ['payer.clientIp not an address', { body: sampleBody({ method: 'wechat.h5', payer: { clientIp: '300.1.1.1' } }) }, 'payer.clientIp'],
  ['wrong content type', { raw: JSON.stringify(sampleBody()), headers: { 'content-type': 'text/plain' } }, 'Content-Type'],
  ['no content type', { raw: JSON.stringify(sampleBody()) }, 'Content-Type'],
  ['over-long Idempotency-Key', { body: sampleBody(), headers: { 'Idempotency-Key': 'k'.repeat(256) } }, 'Idempotency-Key'],
  ['Idempotency-Key with a space', { body: sampleBody(), headers: { 'Idempotency-Key': 'a b' } }, 'Idempotency-Key'],
  ['unknown Payee-Version', { body: sampleBody(), headers: { 'Payee-Version': '1999-01-01' } }, 'Payee-Version'],
];

describe('bad input on POST /v1/payments', () => {
  it.each(cases.map(([name, request, param]) => [name, param ?? 'no field', request] as const))('%s → 400 naming %s, nothing stored', async (_name, param, request) => {
    const before = await companyItems(merchant.companyId);
    const res = await call(merchant.apiKey, 'POST', '/v1/payments', request);
    expect(res.status, JSON.stringify(res.body)).toBe(400);
    expect(res.body.error.type).toBe('invalid_request');
    expect(res.body.error.message).toEqual(expect.any(String));
    expect(res.body.error.requestId).toEqual(expect.any(String));
    expect(res.body.error.param).toBe(param === 'no field' ? undefined : param);
    expect(await companyItems(merchant.companyId)).toEqual(before);
  });
});

describe('bad input on reads', () => {
  it.each([
    ['limit 0', '/v1/payments?limit=0', 'limit'],
    ['limit 101', '/v1/payments?limit=101', 'limit'],
    ['limit not a number', '/v1/payments?limit=ten', 'limit'],
    ['unknown query parameter', '/v1/payments?status=PAID', 'status'],
    ['createdFrom not a date', '/v1/payments?createdFrom=yesterday', 'createdFrom'],
    ['a century of payments', '/v1/payments?createdFrom=1900-01-01T00:00:00Z&createdTo=2000-01-01T00:00:00Z', 'createdFrom'],
    ['createdFrom years ago, createdTo now', '/v1/payments?createdFrom=2020-01-01T00:00:00Z', 'createdFrom'],
    ['a cursor from another range', `/v1/payments?createdFrom=2026-01-01T00:00:00Z&createdTo=2026-02-01T00:00:00Z&cursor=${Buffer.from('{"m":"9999-12"}').toString('base64url')}`, 'cursor'],
    ['NUL in outTradeNo', '/v1/payments?outTradeNo=A%00', 'outTradeNo'],
    ['outTradeNo with a cursor', '/v1/payments?outTradeNo=A&cursor=abc', 'cursor'],
  ])('%s → 400 naming %s', async (_name, path, param) => {
    const res = await call(merchant.apiKey, 'GET', path);
    expect(res.status).toBe(400);
    expect(res.body.error.param).toBe(param);
  });

  it('a range in the year 1000 is served (empty) in a bounded number of reads, as every range is', async () => {
    for (const query of ['createdTo=1000-01-01T00:00:00Z', 'createdFrom=0999-01-01T00:00:00Z&createdTo=1000-01-01T00:00:00Z']) {
      const started = Date.now();
      const res = await call(merchant.apiKey, 'GET', `/v1/payments?${query}`);
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      expect(res.body).toEqual({ data: [] });
      expect(Date.now() - started).toBeLessThan(5000);
    }
  });

  it('an unknown or malformed payNo → 404', async () => {
    for (const payNo of ['P01JAAAAAAAAAAAAAAAAAAAAAA', 'nope']) {
      const res = await call(merchant.apiKey, 'GET', `/v1/payments/${payNo}`);
      expect(res.status).toBe(404);
      expect(res.body.error.type).toBe('not_found');
    }
  });
});

describe('routes', () => {
  it.each([
    ['GET', '/v1/nope'],
    ['GET', '/v1/payments/P01JAAAAAAAAAAAAAAAAAAAAAA/nope'],
    ['DELETE', '/v1/payments'],
    ['GET', '/nope'],
  ])('%s %s → 404 in the error shape', async (method, path) => {
    const res = await call(merchant.apiKey, method, path);
    expect(res.status).toBe(404);
    expect(res.body.error).toMatchObject({ type: 'not_found', code: 'route_not_found', requestId: expect.any(String) });
  });

  it('a path parameter no payment could have → 404 before any read', async () => {
    const res = await call(merchant.apiKey, 'GET', `/v1/payments/${'P'.repeat(3000)}/refunds`);
    expect(res.status).toBe(404);
    expect(res.body.error).toMatchObject({ type: 'not_found', param: 'payNo' });
  });
});
