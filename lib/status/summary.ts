/**
 * What the status page and its JSON show, computed from the canary's records: per channel and per
 * API, uptime over 24 hours (the checks), 7 and 90 days (the day counts), a bar per day, latency
 * percentiles of the last 24 hours' successful calls, the current state and the incidents (runs of
 * failed checks) of the last 24 hours.
 */
import { z } from 'zod';
import { CANARY_APIS, CANARY_CHANNELS, type CanaryApi, type CanaryChannel } from './check.ts';
import { gatewayViewSchema, type GatewayView } from './gateway-view.ts';
import type { DayCount } from './store.ts';

export const STATES = ['operational', 'degraded', 'outage', 'unknown'] as const;
/** Checks older than this say nothing about now. */
export const STALE_AFTER_MS = 10 * 60_000;
export const BAR_DAYS = 90;

const percent = z.number().min(0).max(100).nullable();
const seriesSchema = z.object({
  state: z.enum(STATES),
  lastCheckAt: z.string().nullable(),
  uptime: z.object({ h24: percent, d7: percent, d90: percent }),
  latencyMs: z.object({ p50: z.number().nullable(), p95: z.number().nullable(), p99: z.number().nullable() }),
  /** One per day, oldest first, the last being today (UTC); total 0 where nothing ran. */
  days: z.array(z.object({ day: z.string(), total: z.number().int(), ok: z.number().int() })),
  incidents: z.array(z.object({ from: z.string(), to: z.string().nullable(), failedChecks: z.number().int(), error: z.string() })),
});
export const statusSchema = z.object({
  generatedAt: z.string(),
  channels: z.array(seriesSchema.extend({ channel: z.enum(CANARY_CHANNELS) })),
  apis: z.array(seriesSchema.extend({ api: z.enum(CANARY_APIS) })),
  /** The gateway's own figures from real payments (gateway-view.ts); null where the gateway did not answer. */
  gateway: gatewayViewSchema.nullable(),
});
export type Status = z.infer<typeof statusSchema>;
export type Series = z.infer<typeof seriesSchema>;

/** One timed outcome: a whole round trip (a channel) or one call of it (an API). */
export interface Sample {
  at: string;
  ok: boolean;
  ms: number;
  error?: string;
}

/** The nearest-rank percentile of sorted values. */
export function percentile(sorted: readonly number[], p: number): number | null {
  if (sorted.length === 0) return null;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

const ratio = (ok: number, total: number) => (total === 0 ? null : Math.round((ok / total) * 10_000) / 100);
const dayOf = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** The last BAR_DAYS days, today last, with the counts there are. */
export function dayBars(counts: readonly DayCount[], now: Date): DayCount[] {
  const byDay = new Map(counts.map((c) => [c.day, c]));
  return Array.from({ length: BAR_DAYS }, (_, i) => {
    const day = dayOf(now.getTime() - (BAR_DAYS - 1 - i) * 86_400_000);
    return byDay.get(day) ?? { day, total: 0, ok: 0 };
  });
}

/** operational: the latest checks passed; degraded: one of the last three failed; outage: the last two failed; unknown: nothing recent. */
export function stateOf(samples: readonly Sample[], now: Date): Series['state'] {
  const last = samples.at(-1);
  if (!last || now.getTime() - Date.parse(last.at) > STALE_AFTER_MS) return 'unknown';
  const recent = samples.slice(-3);
  if (samples.length >= 2 && recent.slice(-2).every((s) => !s.ok)) return 'outage';
  return recent.some((s) => !s.ok) ? 'degraded' : 'operational';
}

/** Runs of failed samples, newest first: from the first failure to the next success (null: still failing). */
export function incidents(samples: readonly Sample[]): Series['incidents'] {
  const found: Series['incidents'] = [];
  let open: Series['incidents'][number] | undefined;
  for (const s of samples) {
    if (!s.ok) {
      if (open) open.failedChecks++;
      else found.push((open = { from: s.at, to: null, failedChecks: 1, error: s.error ?? 'failed' }));
    } else if (open) {
      open.to = s.at;
      open = undefined;
    }
  }
  return found.reverse();
}

/** A series from the last 24 hours' samples (oldest first) and the day counts. */
export function series(samples: readonly Sample[], counts: readonly DayCount[], now: Date): Series {
  const since = (days: number) => dayOf(now.getTime() - (days - 1) * 86_400_000);
  const over = (days: number) => {
    const kept = counts.filter((c) => c.day >= since(days));
    return ratio(kept.reduce((a, c) => a + c.ok, 0), kept.reduce((a, c) => a + c.total, 0));
  };
  const times = samples.filter((s) => s.ok).map((s) => s.ms).sort((a, b) => a - b);
  return {
    state: stateOf(samples, now),
    lastCheckAt: samples.at(-1)?.at ?? null,
    uptime: { h24: ratio(samples.filter((s) => s.ok).length, samples.length), d7: over(7), d90: over(BAR_DAYS) },
    latencyMs: { p50: percentile(times, 50), p95: percentile(times, 95), p99: percentile(times, 99) },
    days: dayBars(counts, now),
    incidents: incidents(samples),
  };
}

export interface StatusInput {
  now: Date;
  /** The last 24 hours' checks per channel, oldest first (their steps are the APIs' samples). */
  checks: Record<CanaryChannel, readonly { at: string; ok: boolean; ms: number; steps: readonly { api: CanaryApi; ok: boolean; ms: number; error?: string }[] }[]>;
  channelDays: Record<CanaryChannel, readonly DayCount[]>;
  apiDays: Record<CanaryApi, readonly DayCount[]>;
  gateway?: GatewayView | null;
}

export function summarize(input: StatusInput): Status {
  const channels = CANARY_CHANNELS.map((channel) => {
    const samples = input.checks[channel].map((c) => {
      const failed = c.steps.find((s) => !s.ok);
      return { at: c.at, ok: c.ok, ms: c.ms, ...(failed ? { error: `${failed.api}: ${failed.error ?? 'failed'}` } : {}) };
    });
    return { channel, ...series(samples, input.channelDays[channel], input.now) };
  });
  const apis = CANARY_APIS.map((api) => {
    const samples = CANARY_CHANNELS.flatMap((channel) =>
      input.checks[channel].flatMap((c) => c.steps.filter((s) => s.api === api).map((s) => ({ at: c.at, ok: s.ok, ms: s.ms, ...(s.error ? { error: `${channel}: ${s.error}` } : {}) }))),
    ).sort((a, b) => a.at.localeCompare(b.at));
    return { api, ...series(samples, input.apiDays[api], input.now) };
  });
  return { generatedAt: input.now.toISOString(), channels, apis, gateway: input.gateway ?? null };
}
