import { describe, expect, it } from 'vitest';
import { daysOf, percentile, rowsOf, type CounterItem } from './daily-report.ts';

describe('daily report', () => {
  const item = (SK: string, count: number, amount: number, extra: Record<string, number> = {}): CounterItem => ({ SK, count, amount, ...extra });

  it('sums shards and groups by the chosen dimension, with rate, ticket and percentiles', () => {
    const items = [
      item('created#alipay#alipay.qr#a1#CNY', 3, 3000),
      item('created#alipay#alipay.qr#a1#CNY', 1, 1000), // another shard
      item('created#wechat#wechat.native#w1#CNY', 2, 500),
      item('succeeded#alipay#alipay.qr#a1#CNY', 2, 2100, { tp0: 1, tp4: 1, cb0: 2 }),
      item('refunded#alipay#alipay.qr#a1#CNY', 1, 100),
      item('closed#wechat#wechat.native#w1#CNY', 1, 250),
    ];
    const rows = rowsOf('2026-11-25', items, 'channel');
    expect(rows.map((r) => [r.group, r.currency])).toEqual([['alipay', 'CNY'], ['wechat', 'CNY']]);
    expect(rows[0]).toMatchObject({
      created: { count: 4, amount: 4000 },
      succeeded: { count: 2, amount: 2100 },
      refunded: { count: 1, amount: 100 },
      successRate: 0.5,
      averageTicket: 1050,
      timeToPay: { count: 2, p50Ms: 1000, p95Ms: 30_000 },
      callbackLatency: { count: 2, p50Ms: 1000, p95Ms: 1000 },
    });
    expect(rows[1]).toMatchObject({ closed: { count: 1, amount: 250 }, successRate: 0, averageTicket: undefined, timeToPay: { count: 0 } });
    expect(rowsOf('2026-11-25', items, 'currency').map((r) => [r.group, r.currency, r.created.count])).toEqual([['CNY', 'CNY', 6]]);
  });

  it('never adds amounts of two currencies: a group has a row per currency', () => {
    const items = [
      item('created#paypal#paypal.checkout#p1#USD', 2, 2000),
      item('created#paypal#paypal.checkout#p1#JPY', 1, 500),
      item('succeeded#paypal#paypal.checkout#p1#USD', 1, 1000),
      item('created#paypal#paypal.checkout#p1#USD', 1, 100),
    ];
    expect(rowsOf('2026-11-25', items, 'method').map((r) => [r.group, r.currency, r.created, r.succeeded.amount, r.averageTicket])).toEqual([
      ['paypal.checkout', 'JPY', { count: 1, amount: 500 }, 0, undefined],
      ['paypal.checkout', 'USD', { count: 3, amount: 2100 }, 1000, 1000],
    ]);
  });

  it('walks the days of a range, both ends included', () => {
    expect(daysOf('2026-02-27', '2026-03-01')).toEqual(['2026-02-27', '2026-02-28', '2026-03-01']);
    expect(percentile([], 0.5)).toBeUndefined();
  });
});
