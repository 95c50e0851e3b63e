/**
 * Daily reports on the local stack (issue 14): a day's figures, read from the sharded counters,
 * equal a recomputation from the payments and refunds themselves.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Merchant } from '../infra/local/merchants.ts';
import { BUCKETS_MS } from '../lib/reports/counters.ts';
import { chinaDayOf } from '../lib/statements/china-day.ts';
import { deliverAlipayNotify, eventually, paymentOf, sandboxPost } from './support/callbacks.ts';
import { call, newMerchant, sampleBody, target } from './support/target.ts';

/** The same rule as the report's, applied to the measured durations: the upper bound of the bucket holding the q-th share. */
const bucketPercentile = (values: number[], q: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  const v = sorted[Math.max(0, Math.ceil(q * sorted.length) - 1)]!;
  return BUCKETS_MS.find((upper) => Math.max(0, v) <= upper);
};

describe.skipIf(!target().sandbox)('daily reports', () => {
  let merchant: Merchant;
  beforeAll(async () => {
    merchant = await newMerchant('reports');
  });

  it("a day's report equals what that day's payments and refunds say", async () => {
    const day = chinaDayOf(new Date());
    const create = async (amount: number) => {
      const res = await call(merchant.apiKey, 'POST', '/v1/payments', { body: sampleBody({ amount }) });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      return res.body.payNo as string;
    };
    const payNos = await Promise.all([1000, 2000, 3000, 4000, 5000, 6000].map(create));
    const [a, b, c, d] = payNos as [string, string, string, string];
    for (const payNo of [a, b, c]) {
      const { body } = await sandboxPost(`/sandbox/trades/${payNo}/notifications`, { tradeStatus: 'TRADE_SUCCESS', send: false });
      // Twice: the duplicate counts nothing.
      await deliverAlipayNotify(merchant.payId, body);
      await deliverAlipayNotify(merchant.payId, body);
      await eventually(() => paymentOf(merchant, payNo), (p) => p.status === 'SUCCEEDED');
    }
    expect((await call(merchant.apiKey, 'POST', `/v1/payments/${a}/refunds`, { body: { amount: 300 } })).status).toBe(201);
    expect((await call(merchant.apiKey, 'POST', `/v1/payments/${b}/refunds`, { body: { amount: 2000 } })).status).toBe(201);
    expect((await call(merchant.apiKey, 'POST', `/v1/payments/${d}/close`)).status).toBe(200);

    // The recomputation: the payments and refunds as the API shows them.
    const payments = await Promise.all(payNos.map((p) => paymentOf(merchant, p)));
    const refunds = (await Promise.all(payNos.map(async (p) => (await call(merchant.apiKey, 'GET', `/v1/payments/${p}/refunds`)).body.data))).flat();
    const sum = (xs: { amount: number }[]) => ({ count: xs.length, amount: xs.reduce((s, x) => s + x.amount, 0) });
    const paid = payments.filter((p) => p.paidAt);
    const okRefunds = refunds.filter((r: { status: string }) => r.status === 'SUCCEEDED');
    const expected = {
      day,
      group: 'alipay.qr',
      created: sum(payments),
      succeeded: sum(paid),
      closed: sum(payments.filter((p) => p.status === 'CLOSED')),
      failed: sum(payments.filter((p) => p.status === 'FAILED')),
      refunded: sum(okRefunds),
      successRate: paid.length / payments.length,
      averageTicket: Math.round(sum(paid).amount / paid.length),
      timeToPay: {
        count: paid.length,
        p50Ms: bucketPercentile(paid.map((p) => Date.parse(p.paidAt) - Date.parse(p.createdAt)), 0.5),
        p95Ms: bucketPercentile(paid.map((p) => Date.parse(p.paidAt) - Date.parse(p.createdAt)), 0.95),
      },
    };
    expect(expected).toMatchObject({ created: { count: 6 }, succeeded: { count: 3 }, closed: { count: 1 }, refunded: { count: 2, amount: 2300 } });

    const report = await call(merchant.apiKey, 'GET', `/v1/reports/daily?from=${day}&to=${day}&groupBy=method`);
    expect(report.status, JSON.stringify(report.body)).toBe(200);
    expect(report.body.data).toHaveLength(1);
    expect(report.body.data[0]).toMatchObject(expected);
  });

  it('names the field at fault in a bad query', async () => {
    const bad = await call(merchant.apiKey, 'GET', '/v1/reports/daily?from=2026-01-10&to=2026-03-10');
    expect(bad.status).toBe(400);
    expect(bad.body.error).toMatchObject({ param: 'to' });
    const worse = await call(merchant.apiKey, 'GET', '/v1/reports/daily?from=2026-01-10&to=2026-01-11&groupBy=colour');
    expect(worse.body.error).toMatchObject({ param: 'groupBy' });
  });
});
