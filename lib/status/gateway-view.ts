/**
 * The gateway's own view on the status page: per channel, the success rate and callback latency of
 * real payments — the site's own, as payee's first merchant (support plans paid through payee) —
 * read from the gateway's daily report (GET /v1/reports/daily?groupBy=channel) with the site's
 * merchant key. The canary's payments are not in it: it closes every payment it makes.
 *
 * The report counts China days (UTC+8) and gives percentiles as histogram bucket bounds per day
 * and currency, so the windows are today and the last 7 China days, and where several rows meet
 * (days, currencies) the latency shown is the highest row's bound: one the percentile of them all
 * cannot exceed (the report's own figure when there is one row).
 */
import { z } from 'zod';
import * as zm from 'zod/mini';
import { dailyReport, type DailyReportRow } from '../api/daily-report-schema.ts';
import { chinaDayOf } from '../statements/china-day.ts';
import { CANARY_CHANNELS } from './check.ts';

export const GATEWAY_DAYS = 7;

const percent = z.number().min(0).max(100).nullable();
const windowSchema = z.object({
  created: z.number().int(),
  succeeded: z.number().int(),
  /** succeeded / created, %, null without creates. */
  successRate: percent,
  /** Callbacks measured, and the bound of their p50 and p95 (ms; null when none was measured). */
  callbacks: z.number().int(),
  callbackP50Ms: z.number().nullable(),
  callbackP95Ms: z.number().nullable(),
});
export const gatewayViewSchema = z.object({
  /** Whose payments: the site merchant's (support plans). */
  covers: z.literal('site-merchant'),
  /** The China days read, both included. */
  from: z.string(),
  to: z.string(),
  channels: z.array(z.object({ channel: z.enum(CANARY_CHANNELS), today: windowSchema, d7: windowSchema })),
});
export type GatewayView = z.infer<typeof gatewayViewSchema>;
type Window = z.infer<typeof windowSchema>;

const highest = (values: (number | undefined)[]) => {
  const known = values.filter((v): v is number => v !== undefined);
  return known.length ? Math.max(...known) : null;
};

/** One window's figures from the report rows of a channel in it. */
export function windowOf(rows: readonly DailyReportRow[]): Window {
  const created = rows.reduce((a, r) => a + r.created.count, 0);
  const succeeded = rows.reduce((a, r) => a + r.succeeded.count, 0);
  const measured = rows.filter((r) => r.callbackLatency.count > 0);
  return {
    created,
    succeeded,
    successRate: created === 0 ? null : Math.round((succeeded / created) * 10_000) / 100,
    callbacks: measured.reduce((a, r) => a + r.callbackLatency.count, 0),
    callbackP50Ms: highest(measured.map((r) => r.callbackLatency.p50Ms)),
    callbackP95Ms: highest(measured.map((r) => r.callbackLatency.p95Ms)),
  };
}

/** The view from a report of the last GATEWAY_DAYS China days grouped by channel, `today` its last day. */
export function gatewayViewOf(rows: readonly DailyReportRow[], from: string, today: string): GatewayView {
  return {
    covers: 'site-merchant',
    from,
    to: today,
    channels: CANARY_CHANNELS.map((channel) => {
      const mine = rows.filter((r) => r.group === channel);
      return { channel, today: windowOf(mine.filter((r) => r.day === today)), d7: windowOf(mine) };
    }),
  };
}

/** Reads the site merchant's report from the gateway; throws when the gateway does not answer it as documented. */
export async function readGatewayView(merchant: { apiUrl: string; apiKey: string }, now: Date = new Date(), timeoutMs = 5000): Promise<GatewayView> {
  const today = chinaDayOf(now);
  const from = chinaDayOf(new Date(now.getTime() - (GATEWAY_DAYS - 1) * 86_400_000));
  const res = await fetch(`${merchant.apiUrl}/v1/reports/daily?from=${from}&to=${today}&groupBy=channel`, { headers: { 'x-api-key': merchant.apiKey }, signal: AbortSignal.timeout(timeoutMs) });
  if (!res.ok) throw new Error(`GET /v1/reports/daily: HTTP ${res.status}`);
  const report = zm.parse(dailyReport, await res.json());
  return gatewayViewOf(report.data, from, today);
}
