import { describe, expect, it } from 'vitest';
import type { DailyReportRow } from '../api/daily-report-schema.ts';
import { gatewayViewOf, windowOf } from './gateway-view.ts';
import { statusSchema, summarize } from './summary.ts';

const tally = (count: number, amount = count * 100) => ({ count, amount });
const row = (day: string, group: string, currency: string, created: number, succeeded: number, callbacks: { count: number; p50Ms?: number; p95Ms?: number }): DailyReportRow => ({
  day,
  group,
  currency,
  created: tally(created),
  succeeded: tally(succeeded),
  closed: tally(created - succeeded),
  failed: tally(0),
  refunded: tally(0),
  timeToPay: { count: succeeded },
  callbackLatency: callbacks,
});

describe("the gateway's view", () => {
  it('a window: success rate of paid over created; callback bounds the highest measured row’s; nothing without payments', () => {
    expect(windowOf([row('2026-12-03', 'alipay', 'CNY', 3, 2, { count: 2, p50Ms: 1000, p95Ms: 2000 }), row('2026-12-02', 'alipay', 'CNY', 1, 1, { count: 1, p50Ms: 5000, p95Ms: 5000 })])).toEqual({
      created: 4,
      succeeded: 3,
      successRate: 75,
      callbacks: 3,
      callbackP50Ms: 5000,
      callbackP95Ms: 5000,
    });
    // A day without callbacks measured (its percentiles absent) bounds nothing.
    expect(windowOf([row('2026-12-03', 'wechat', 'CNY', 3, 0, { count: 0 })])).toEqual({ created: 3, succeeded: 0, successRate: 0, callbacks: 0, callbackP50Ms: null, callbackP95Ms: null });
    expect(windowOf([])).toEqual({ created: 0, succeeded: 0, successRate: null, callbacks: 0, callbackP50Ms: null, callbackP95Ms: null });
  });

  it('per channel, today and the 7 days; currencies of a channel counted together; every channel listed', () => {
    const view = gatewayViewOf(
      [
        row('2026-11-28', 'alipay', 'CNY', 2, 2, { count: 2, p50Ms: 2000, p95Ms: 10_000 }),
        row('2026-12-03', 'alipay', 'CNY', 3, 1, { count: 1, p50Ms: 1000, p95Ms: 1000 }),
        row('2026-12-03', 'alipay', 'USD', 1, 1, { count: 1, p50Ms: 2000, p95Ms: 2000 }),
        row('2026-12-01', 'paypal', 'USD', 1, 0, { count: 0 }),
      ],
      '2026-11-27',
      '2026-12-03',
    );
    expect(view.channels.map((c) => c.channel)).toEqual(['alipay', 'wechat', 'unionpay', 'paypal']);
    const alipay = view.channels[0]!;
    expect(alipay.today).toEqual({ created: 4, succeeded: 2, successRate: 50, callbacks: 2, callbackP50Ms: 2000, callbackP95Ms: 2000 });
    expect(alipay.d7).toEqual({ created: 6, succeeded: 4, successRate: 66.67, callbacks: 4, callbackP50Ms: 2000, callbackP95Ms: 10_000 });
    expect(view.channels[3]!.today.successRate).toBeNull();
    expect(view.channels[3]!.d7).toMatchObject({ created: 1, successRate: 0 });
    expect(view).toMatchObject({ covers: 'site-merchant', from: '2026-11-27', to: '2026-12-03' });
  });

  it('is part of the status document, null where the gateway did not answer', () => {
    const none = { alipay: [], wechat: [], unionpay: [], paypal: [] };
    const input = { now: new Date('2026-12-03T10:00:00Z'), checks: none, channelDays: none, apiDays: { createPayment: [], syncPayment: [], closePayment: [] } };
    expect(statusSchema.parse(summarize(input)).gateway).toBeNull();
    const gateway = gatewayViewOf([row('2026-12-03', 'wechat', 'CNY', 1, 1, { count: 1, p50Ms: 1000, p95Ms: 1000 })], '2026-11-27', '2026-12-03');
    expect(statusSchema.parse(summarize({ ...input, gateway })).gateway).toEqual(gateway);
  });
});
