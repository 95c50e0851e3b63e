/** Every bad input gets a 400 in the error shape, names the field, and changes nothing. */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Merchant } from '../infra/local/merchants.ts';
import { call, companyItems, newMerchant, sampleBody } from './support/target.ts';

let merchant: Merchant;
beforeAll(async () => {
  merchant = await newMerchant('validation');
});

const cases: [string, { body?: unknown; raw?: string; headers?: Record<string, string> }, string | undefined][] = [
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
  ['a JSON array', { raw: '[]', headers: { 'content-type': 'application/json' } }, undefined],
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
    ['outTradeNo with a cursor', '/v1/payments?outTradeNo=A&cursor=abc', 'cursor'],
  ])('%s → 400 naming %s', async (_name, path, param) => {
    const res = await call(merchant.apiKey, 'GET', path);
    expect(res.status).toBe(400);
    expect(res.body.error.param).toBe(param);
  });

  it('an unknown or malformed payNo → 404', async () => {
    for (const payNo of ['P01JAAAAAAAAAAAAAAAAAAAAAA', 'nope']) {
      const res = await call(merchant.apiKey, 'GET', `/v1/payments/${payNo}`);
      expect(res.status).toBe(404);
      expect(res.body.error.type).toBe('not_found');
    }
  });
});
