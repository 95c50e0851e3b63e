/** Idempotency-Key: replay, mismatch, in-flight conflict, and resuming after a provider outage. */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Merchant } from '../infra/local/merchants.ts';
import { payNoOf } from '../lib/domain/ids.ts';
import { requestHash } from '../lib/payments/request-hash.ts';
import { call, companyItems, newMerchant, putItem, sampleBody, target } from './support/target.ts';

let merchant: Merchant;
beforeAll(async () => {
  merchant = await newMerchant('idempotency');
});

const key = () => `idem-${Date.now()}-${Math.random()}`;

async function sandboxFault(mode: string, count: number) {
  const res = await fetch(`${target().sandbox!.alipay.url}/sandbox/faults`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ mode, count, appId: merchant.alipay.appId }),
  });
  expect(res.ok).toBe(true);
}

describe('Idempotency-Key', () => {
  it('replays the first response for the same key and body, even reordered', async () => {
    const k = key();
    const body = sampleBody();
    const first = await call(merchant.apiKey, 'POST', '/v1/payments', { body, headers: { 'Idempotency-Key': k } });
    expect(first.status).toBe(201);
    const reordered = Object.fromEntries(Object.entries(body).reverse());
    const again = await call(merchant.apiKey, 'POST', '/v1/payments', { body: reordered, headers: { 'Idempotency-Key': k } });
    expect(again.status).toBe(201);
    expect(again.body).toEqual(first.body);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
  });

  it('refuses the same key with another body (422) and changes nothing', async () => {
    const k = key();
    const body = sampleBody();
    expect((await call(merchant.apiKey, 'POST', '/v1/payments', { body, headers: { 'Idempotency-Key': k } })).status).toBe(201);
    const before = await companyItems(merchant.companyId);
    const other = await call(merchant.apiKey, 'POST', '/v1/payments', { body: { ...body, amount: 1 }, headers: { 'Idempotency-Key': k } });
    expect(other.status).toBe(422);
    expect(other.body.error).toMatchObject({ type: 'idempotency', code: 'idempotency_key_reused', param: 'Idempotency-Key' });
    expect(await companyItems(merchant.companyId)).toEqual(before);
  });

  it('keys are per company', async () => {
    const k = key();
    const other = await newMerchant('idem-other');
    const a = await call(merchant.apiKey, 'POST', '/v1/payments', { body: sampleBody(), headers: { 'Idempotency-Key': k } });
    const b = await call(other.apiKey, 'POST', '/v1/payments', { body: sampleBody(), headers: { 'Idempotency-Key': k } });
    expect([a.status, b.status]).toEqual([201, 201]);
    expect(a.body.payNo).not.toBe(b.body.payNo);
  });

  it('a key whose outTradeNo was taken answers duplicate_out_trade_no, and again on a replay', async () => {
    const body = sampleBody();
    const first = await call(merchant.apiKey, 'POST', '/v1/payments', { body });
    expect(first.status).toBe(201);
    const k = key();
    for (let attempt = 0; attempt < 2; attempt++) {
      const again = await call(merchant.apiKey, 'POST', '/v1/payments', { body, headers: { 'Idempotency-Key': k } });
      expect(again.status).toBe(409);
      expect(again.body.error).toMatchObject({ code: 'duplicate_out_trade_no', param: 'outTradeNo', payNo: first.body.payNo });
    }
    const listed = await call(merchant.apiKey, 'GET', `/v1/payments?outTradeNo=${body.outTradeNo}`);
    expect(listed.body.data).toHaveLength(1);
    expect(listed.body.data[0]).toEqual(first.body);
  });

  it.skipIf(!target().sandbox)('a claim left without its payment (a create stopped between its two writes) is resumed once its lease ends', async () => {
    const body = sampleBody();
    const payNo = payNoOf(merchant.companyId, body.outTradeNo);
    const k = key();
    // What the claim's put leaves when the create stops before its payment's put.
    const claim = (lockedUntil: number) =>
      putItem({ PK: `IDEM#${merchant.companyId}#${k}`, SK: 'IDEM', entity: 'idempotency', companyId: merchant.companyId, key: k, bodyHash: requestHash(body), lockedUntil, payNo });
    await claim(Date.now() + 60_000);
    const running = await call(merchant.apiKey, 'POST', '/v1/payments', { body, headers: { 'Idempotency-Key': k } });
    expect(running.status).toBe(409);
    expect(running.body.error.code).toBe('idempotency_key_in_use');
    expect((await call(merchant.apiKey, 'GET', `/v1/payments/${payNo}`)).status).toBe(404);

    await claim(Date.now() - 1);
    const resumed = await call(merchant.apiKey, 'POST', '/v1/payments', { body, headers: { 'Idempotency-Key': k } });
    expect(resumed.status).toBe(201);
    expect(resumed.body).toMatchObject({ payNo, status: 'PENDING', outTradeNo: body.outTradeNo });
    const replayed = await call(merchant.apiKey, 'POST', '/v1/payments', { body, headers: { 'Idempotency-Key': k } });
    expect(replayed.body).toEqual(resumed.body);
    expect(replayed.headers.get('idempotent-replayed')).toBe('true');
  });

  it.skipIf(!target().sandbox)('answers 409 while the first request runs; a provider outage is retryable with the same key', async () => {
    const k = key();
    const body = sampleBody();
    await sandboxFault('timeout', 1);
    const first = call(merchant.apiKey, 'POST', '/v1/payments', { body, headers: { 'Idempotency-Key': k } });
    await new Promise((r) => setTimeout(r, 300));
    const second = await call(merchant.apiKey, 'POST', '/v1/payments', { body, headers: { 'Idempotency-Key': k } });
    expect(second.status).toBe(409);
    expect(second.body.error.code).toBe('idempotency_key_in_use');

    const outage = await first;
    expect(outage.status).toBe(503);
    expect(outage.body.error).toMatchObject({ type: 'provider', code: 'provider_unavailable' });
    const stuck = await call(merchant.apiKey, 'GET', `/v1/payments?outTradeNo=${body.outTradeNo}`);
    expect(stuck.body.data[0].status).toBe('CREATED');

    const retried = await call(merchant.apiKey, 'POST', '/v1/payments', { body, headers: { 'Idempotency-Key': k } });
    expect(retried.status).toBe(201);
    expect(retried.body.status).toBe('PENDING');
    expect(retried.body.payNo).toBe(stuck.body.data[0].payNo);
  });

  it.skipIf(!target().sandbox)('records a clear provider refusal as FAILED with its reason', async () => {
    // Alipay takes at most 100,000,000 yuan: above it the provider itself says no.
    const res = await call(merchant.apiKey, 'POST', '/v1/payments', {
      body: sampleBody({ amount: 10_000_000_001 }),
      headers: { 'Idempotency-Key': key() },
    });
    expect(res.status).toBe(201);
    expect(res.body.status).toBe('FAILED');
    expect(res.body.failure).toEqual({ code: expect.any(String), message: expect.any(String) });
    expect(res.body).not.toHaveProperty('action');
  });

  it.skipIf(!target().sandbox)('never turns a provider 5xx, a gateway error or a bad signature into FAILED', async () => {
    for (const mode of ['http500', 'code20000', 'badsign']) {
      await sandboxFault(mode, 1);
      const body = sampleBody();
      const res = await call(merchant.apiKey, 'POST', '/v1/payments', { body });
      expect(res.status, mode).toBe(503);
      const stored = await call(merchant.apiKey, 'GET', `/v1/payments?outTradeNo=${body.outTradeNo}`);
      expect(stored.body.data[0].status, mode).toBe('CREATED');
    }
  });
});
