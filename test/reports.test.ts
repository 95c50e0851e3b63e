/**
 * Daily reports on the local stack (issue 14): 500 payments across the four channels, paid,
 * refunded (in full and in part), closed, refused at create and left open → every figure of every
 * row (by channel, method and currency) equals a recomputation from the payments, their audit
 * trails and refunds as the API lists them; and the counters cost the payments' transactions no
 * conflict retry.
 */
import { isDeepStrictEqual } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Merchant } from '../infra/local/merchants.ts';
import type { SandboxChannel } from '../infra/local/target.ts';
import { BUCKETS_MS } from '../lib/reports/counters.ts';
import { chinaDayOf } from '../lib/statements/china-day.ts';
import { eventually } from './support/callbacks.ts';
import { metricSum } from './support/metrics.ts';
import { eachInPool } from './support/pool.ts';
import { call, newMerchant, target } from './support/target.ts';

/** The issue's 500 (137 s on a shared 2-core machine); REPORT_PAYMENTS=120 for a quicker run. */
const PAYMENTS = Number(process.env.REPORT_PAYMENTS ?? 500);
/** Creates run 16 at a time (the counters' concurrent writers); the rest 8 at a time, for a loaded machine. */
const WRITERS = 16;
const CONCURRENCY = 8;

const CHANNELS: { channel: 'alipay' | SandboxChannel; method: string; currency: string }[] = [
  { channel: 'alipay', method: 'alipay.qr', currency: 'CNY' },
  { channel: 'wechat', method: 'wechat.native', currency: 'CNY' },
  { channel: 'unionpay', method: 'unionpay.app', currency: 'CNY' },
  { channel: 'paypal', method: 'paypal.checkout', currency: 'USD' },
];

/** What happens to the i-th payment of its channel: half are paid (a fifth of those refunded in full, a fifth in part), a fifth closed, some refused at create (Alipay takes at most 100,000,000 yuan). */
const fateOf = (i: number, channel: string) => {
  const k = Math.floor(i / CHANNELS.length) % 10;
  if (k === 0) return 'refund-full';
  if (k === 1) return 'refund-part';
  if (k <= 4) return 'pay';
  if (k <= 6) return 'close';
  if (k === 7 && channel === 'alipay') return 'refused';
  return 'open';
};

/** The same rule as the report's, applied to the measured durations: the upper bound of the bucket holding the q-th share. */
const bucketPercentile = (values: number[], q: number) => {
  if (!values.length) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  const v = sorted[Math.max(0, Math.ceil(q * sorted.length) - 1)]!;
  return BUCKETS_MS.find((upper) => Math.max(0, v) <= upper);
};

async function sandbox(channel: string, path: string) {
  const res = await fetch(`${(target().sandbox as Record<string, { url: string }>)[channel]!.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
  if (!res.ok) throw new Error(`${channel} sandbox ${path}: ${res.status} ${await res.text()}`);
}

describe.skipIf(!target().sandbox?.paypal)('daily reports', () => {
  let merchant: Merchant;
  beforeAll(async () => {
    merchant = await newMerchant('reports');
  });

  it(`${PAYMENTS} payments across four channels: every figure of the report equals a recomputation from the payments`, async () => {
    const firstDay = chinaDayOf(new Date());
    const conflictsBefore = await metricSum('TransactionConflicts', { service: 'payee', item: 'STAT' });
    const plan = Array.from({ length: PAYMENTS }, (_, i) => {
      const c = CHANNELS[i % CHANNELS.length]!;
      const fate = fateOf(i, c.channel);
      return { ...c, fate, amount: fate === 'refused' ? 10_000_000_001 : 100 + ((i * 37) % 5000) };
    });
    const created = await eachInPool(plan, WRITERS, async (p) => {
      const body = {
        method: p.method,
        currency: p.currency,
        amount: p.amount,
        outTradeNo: `R${Date.now()}${Math.floor(Math.random() * 1e9)}`,
        subject: 'report',
        ...(p.channel === 'alipay' ? {} : { payId: merchant.payIds[p.channel] }),
      };
      // A 503 (a sandbox connection reset under this load) is retried with the same Idempotency-Key, as the API asks (refunds too).
      const headers = { 'Idempotency-Key': body.outTradeNo };
      const res = await eventually(() => call(merchant.apiKey, 'POST', '/v1/payments', { body, headers }), (r) => r.status !== 503, 30_000);
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      expect(res.body.status, `${p.fate} ${JSON.stringify(res.body)}`).toBe(p.fate === 'refused' ? 'FAILED' : 'PENDING');
      return { ...p, payNo: res.body.payNo as string };
    });

    // The buyers pay in each provider's sandbox; its signed callback is applied by the status worker.
    const toPay = created.filter((p) => p.fate === 'pay' || p.fate.startsWith('refund'));
    await eachInPool(toPay, CONCURRENCY, (p) => sandbox(p.channel, `/sandbox/trades/${p.payNo}/pay`));
    const payment = async (payNo: string) => (await call(merchant.apiKey, 'GET', `/v1/payments/${payNo}`)).body;
    await eachInPool(toPay, CONCURRENCY, (p) => eventually(() => payment(p.payNo), (x) => x.status === 'SUCCEEDED', 90_000));
    await eachInPool(created.filter((p) => p.fate === 'close'), CONCURRENCY, async (p) => {
      const res = await call(merchant.apiKey, 'POST', `/v1/payments/${p.payNo}/close`);
      expect(res.status, JSON.stringify(res.body)).toBe(200);
    });
    await eachInPool(created.filter((p) => p.fate.startsWith('refund')), CONCURRENCY, async (p) => {
      const amount = p.fate === 'refund-full' ? p.amount : Math.ceil(p.amount / 3);
      const headers = { 'Idempotency-Key': `refund-${p.payNo}` };
      const res = await eventually(() => call(merchant.apiKey, 'POST', `/v1/payments/${p.payNo}/refunds`, { body: { amount }, headers }), (r) => r.status !== 503, 30_000);
      expect(res.status, JSON.stringify(res.body)).toBe(201);
    });

    // The recomputation's inputs, as the API shows them: the list of payments, each one's audit trail and refunds (once every refund is settled).
    const listed: any[] = [];
    let cursor: string | undefined;
    do {
      const page = await call(merchant.apiKey, 'GET', `/v1/payments?limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
      expect(page.status, JSON.stringify(page.body)).toBe(200);
      listed.push(...page.body.data);
      cursor = page.body.nextCursor ?? undefined;
    } while (cursor);
    expect(listed.map((p) => p.payNo).sort()).toEqual(created.map((p) => p.payNo).sort());
    const refunds = (
      await eachInPool(listed.filter((p) => p.paidAt), CONCURRENCY, (p) =>
        eventually(
          async () => (await call(merchant.apiKey, 'GET', `/v1/payments/${p.payNo}/refunds`)).body.data as any[],
          (rs) => rs.every((r) => r.status === 'SUCCEEDED' || r.status === 'FAILED'),
          60_000,
        ),
      )
    ).flat();
    const trails = await eachInPool(listed, CONCURRENCY, async (p) => (await call(merchant.apiKey, 'GET', `/v1/payments/${p.payNo}/events`)).body.data as any[]);
    const lastDay = chinaDayOf(new Date());

    type Row = Record<string, any>;
    const expectedRows = (groupBy: 'channel' | 'method' | 'currency') => {
      const rows = new Map<string, { row: Row; tp: number[]; cb: number[] }>();
      const rowOf = (day: string, p: any) => {
        const key = `${day}#${p[groupBy]}#${p.currency}`;
        let r = rows.get(key);
        if (!r) {
          const tally = () => ({ count: 0, amount: 0 });
          r = { row: { day, group: p[groupBy], currency: p.currency, created: tally(), succeeded: tally(), closed: tally(), failed: tally(), refunded: tally() }, tp: [], cb: [] };
          rows.set(key, r);
        }
        return r;
      };
      const add = (r: { row: Row }, figure: string, amount: number) => {
        r.row[figure].count++;
        r.row[figure].amount += amount;
      };
      listed.forEach((p, i) => {
        add(rowOf(chinaDayOf(new Date(p.createdAt)), p), 'created', p.amount);
        // Refused at create: no provider event, its move is the payment's update.
        if (p.status === 'FAILED' && !trails[i]!.length) add(rowOf(chinaDayOf(new Date(p.updatedAt)), p), 'failed', p.amount);
        for (const e of trails[i]!.filter((x) => x.outcome === 'applied')) {
          const r = rowOf(chinaDayOf(new Date(e.recordedAt)), p);
          const figure = { SUCCEEDED: 'succeeded', CLOSED: 'closed', FAILED: 'failed' }[e.toStatus as string];
          if (figure) add(r, figure, p.amount);
          if (e.toStatus === 'SUCCEEDED') r.tp.push(Date.parse(p.paidAt) - Date.parse(p.createdAt));
          if (e.notifiedAt) r.cb.push(Date.parse(e.recordedAt) - Date.parse(e.notifiedAt));
        }
      });
      const byPayNo = new Map(listed.map((p) => [p.payNo, p]));
      for (const refund of refunds.filter((r) => r.status === 'SUCCEEDED')) add(rowOf(chinaDayOf(new Date(refund.updatedAt)), byPayNo.get(refund.payNo)), 'refunded', refund.amount);
      return [...rows.values()]
        .map(({ row, tp, cb }): Row => ({
          ...row,
          successRate: row.created.count ? row.succeeded.count / row.created.count : undefined,
          averageTicket: row.succeeded.count ? Math.round(row.succeeded.amount / row.succeeded.count) : undefined,
          timeToPay: { count: tp.length, p50Ms: bucketPercentile(tp, 0.5), p95Ms: bucketPercentile(tp, 0.95) },
          callbackLatency: { count: cb.length, p50Ms: bucketPercentile(cb, 0.5), p95Ms: bucketPercentile(cb, 0.95) },
        }))
        .sort((a, b) => a.day.localeCompare(b.day) || a.group.localeCompare(b.group) || a.currency.localeCompare(b.currency));
    };
    // Undefined optional figures are absent from the JSON reply.
    const json = (rows: unknown) => JSON.parse(JSON.stringify(rows));

    const byChannel = expectedRows('channel');
    // The mix is what the test means it to be: every channel, each figure present, two currencies.
    expect([...new Set(byChannel.map((r) => `${r.group}/${r.currency}`))].sort()).toEqual(['alipay/CNY', 'paypal/USD', 'unionpay/CNY', 'wechat/CNY']);
    const total = (figure: string) => byChannel.reduce((s, r) => s + r[figure].count, 0);
    expect({ created: total('created'), succeeded: total('succeeded'), closed: total('closed'), failed: total('failed') }).toEqual({
      created: PAYMENTS,
      succeeded: toPay.length,
      closed: created.filter((p) => p.fate === 'close').length,
      failed: created.filter((p) => p.fate === 'refused').length,
    });
    expect(total('refunded')).toBe(created.filter((p) => p.fate.startsWith('refund')).length);

    // The counters are folded from the table's stream in tumbling windows (a few seconds): the
    // report catches up with the payments, then equals their recomputation.
    for (const groupBy of ['channel', 'method', 'currency'] as const) {
      const expected = json(expectedRows(groupBy));
      const read = () => call(merchant.apiKey, 'GET', `/v1/reports/daily?from=${firstDay}&to=${lastDay}&groupBy=${groupBy}`);
      // On timeout, the last read is asserted below, for a readable difference.
      const report = await eventually(read, (r) => r.status !== 200 || isDeepStrictEqual(r.body.data, expected), 30_000).catch(read);
      expect(report.status, JSON.stringify(report.body)).toBe(200);
      expect(report.body.data, groupBy).toEqual(expected);
    }

    // No payment transaction writes a counter item (the events relay adds a window's sums with
    // plain ADD updates), so counters cannot cost a payment's transaction a conflict and a retry; a
    // TransactionConflict on any STAT item would be counted here (metric TransactionConflicts).
    expect(await metricSum('TransactionConflicts', { service: 'payee', item: 'STAT' })).toBe(conflictsBefore);
  }, 600_000);

  it('names the field at fault in a bad query', async () => {
    const bad = await call(merchant.apiKey, 'GET', '/v1/reports/daily?from=2026-01-10&to=2026-03-10');
    expect(bad.status).toBe(400);
    expect(bad.body.error).toMatchObject({ param: 'to' });
    const worse = await call(merchant.apiKey, 'GET', '/v1/reports/daily?from=2026-01-10&to=2026-01-11&groupBy=colour');
    expect(worse.body.error).toMatchObject({ param: 'groupBy' });
  });
});
