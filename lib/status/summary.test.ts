import { describe, expect, it } from 'vitest';
import { dayBars, incidents, percentile, series, stateOf, summarize, statusSchema, type Sample } from './summary.ts';

const now = new Date('2026-12-03T10:00:00Z');
const at = (minutesAgo: number) => new Date(now.getTime() - minutesAgo * 60_000).toISOString();
const sample = (minutesAgo: number, ok: boolean, ms = 100, error?: string): Sample => ({ at: at(minutesAgo), ok, ms, ...(error ? { error } : {}) });

describe('status summary', () => {
  it('percentiles by nearest rank', () => {
    const values = Array.from({ length: 100 }, (_, i) => i + 1);
    expect([percentile(values, 50), percentile(values, 95), percentile(values, 99)]).toEqual([50, 95, 99]);
    expect(percentile([7], 99)).toBe(7);
    expect(percentile([], 50)).toBeNull();
  });

  it('state: operational, degraded after a recent failure, outage after two in a row, unknown when stale', () => {
    expect(stateOf([sample(3, true), sample(2, true), sample(1, true)], now)).toBe('operational');
    expect(stateOf([sample(3, false), sample(2, true), sample(1, true)], now)).toBe('degraded');
    expect(stateOf([sample(3, true), sample(2, true), sample(1, false)], now)).toBe('degraded');
    expect(stateOf([sample(3, true), sample(2, false), sample(1, false)], now)).toBe('outage');
    expect(stateOf([sample(11, true)], now)).toBe('unknown');
    expect(stateOf([], now)).toBe('unknown');
  });

  it('incidents: each run of failures, newest first, open while still failing', () => {
    const s = [sample(6, true), sample(5, false, 1, 'createPayment: HTTP 503'), sample(4, false), sample(3, true), sample(2, false, 1, 'closePayment: timeout')];
    expect(incidents(s)).toEqual([
      { from: at(2), to: null, failedChecks: 1, error: 'closePayment: timeout' },
      { from: at(5), to: at(3), failedChecks: 2, error: 'createPayment: HTTP 503' },
    ]);
  });

  it('uptime over 24 h from the checks, over 7 and 90 days from the day counts; latency of successes only; 90 daily bars ending today', () => {
    const s = [sample(3, true, 100), sample(2, false, 9000), sample(1, true, 300)];
    const counts = [
      { day: '2026-12-03', total: 3, ok: 2 },
      { day: '2026-11-30', total: 1, ok: 1 },
      { day: '2026-09-10', total: 4, ok: 0 },
    ];
    const r = series(s, counts, now);
    expect(r.uptime).toEqual({ h24: 66.67, d7: 75, d90: 37.5 });
    expect(r.latencyMs).toEqual({ p50: 100, p95: 300, p99: 300 });
    expect(r.days).toHaveLength(90);
    expect(r.days.at(-1)).toEqual({ day: '2026-12-03', total: 3, ok: 2 });
    expect(r.days[0]).toEqual({ day: '2026-09-05', total: 0, ok: 0 });
    expect(r.lastCheckAt).toBe(at(1));
    expect(dayBars([], now).every((d) => d.total === 0)).toBe(true);
  });

  it('with no record at all every figure is null and every state unknown', () => {
    const empty = { alipay: [], wechat: [], unionpay: [], paypal: [] };
    const days = { createPayment: [], syncPayment: [], closePayment: [] };
    const status = statusSchema.parse(summarize({ now, checks: empty, channelDays: empty, apiDays: days }));
    expect(status.channels.map((c) => [c.channel, c.state, c.uptime.h24])).toEqual([
      ['alipay', 'unknown', null],
      ['wechat', 'unknown', null],
      ['unionpay', 'unknown', null],
      ['paypal', 'unknown', null],
    ]);
  });

  it('an API is every channel’s calls of it: a failed close on one channel shows on closePayment, named by channel', () => {
    const check = (minutesAgo: number, closeOk: boolean) => ({
      at: at(minutesAgo), ok: closeOk, ms: 50,
      steps: [
        { api: 'createPayment' as const, ok: true, ms: 20 },
        { api: 'syncPayment' as const, ok: true, ms: 10 },
        { api: 'closePayment' as const, ok: closeOk, ms: 20, ...(closeOk ? {} : { error: 'HTTP 409' }) },
      ],
    });
    const status = summarize({
      now,
      checks: { alipay: [check(1, true)], wechat: [check(1, false)], unionpay: [], paypal: [] },
      channelDays: { alipay: [], wechat: [], unionpay: [], paypal: [] },
      apiDays: { createPayment: [], syncPayment: [], closePayment: [] },
    });
    const close = status.apis.find((a) => a.api === 'closePayment')!;
    expect(close.uptime.h24).toBe(50);
    expect(close.incidents[0]!.error).toBe('wechat: HTTP 409');
    expect(status.apis.find((a) => a.api === 'createPayment')!.uptime.h24).toBe(100);
    expect(status.channels.find((c) => c.channel === 'wechat')!.incidents[0]!.error).toBe('closePayment: HTTP 409');
  });
});
