/** GET /v1/reports/daily: the query and the reply (issue 14), figures from the sharded daily counters. */
import * as z from 'zod/mini';
import { parseDay } from '../statements/china-day.ts';

/** The longest range one report reads: 16 counter shards a day, each one Query. */
export const MAX_REPORT_DAYS = 31;

const day = (what: string) =>
  z.string().check(
    z.regex(/^\d{4}-\d{2}-\d{2}$/, { message: 'must be a date yyyy-mm-dd' }),
    z.refine((text) => parseDay(text) !== undefined, { message: 'must be a date yyyy-mm-dd' }),
    z.describe(`${what} China day (UTC+8), yyyy-mm-dd, included`),
  );

export const REPORT_GROUPS = ['channel', 'method', 'payId', 'currency'] as const;

export const dailyReportQuery = z
  .strictObject({
    from: day('The first'),
    to: day('The last'),
    groupBy: z._default(z.enum(REPORT_GROUPS).check(z.describe('One row per day, value of this dimension and currency')), 'channel'),
    companyId: z.optional(z.string().check(z.maxLength(64), z.describe("Read this descendant company's figures instead of the caller's own"))),
  })
  .check(
    z.superRefine((q, ctx) => {
      if (parseDay(q.from) === undefined || parseDay(q.to) === undefined) return;
      const days = (Date.parse(q.to) - Date.parse(q.from)) / 86_400_000 + 1;
      if (days < 1) ctx.addIssue({ code: 'custom', path: ['to'], message: 'must not be before from', input: q.to });
      else if (days > MAX_REPORT_DAYS) ctx.addIssue({ code: 'custom', path: ['to'], message: `must be at most ${MAX_REPORT_DAYS} days from from`, input: q.to });
    }),
  );
export type DailyReportQuery = z.output<typeof dailyReportQuery>;

const tally = z.strictObject({
  count: z.int(),
  amount: z.int().check(z.describe("Sum in minor units of the row's currency")),
});

const percentiles = z.strictObject({
  count: z.int().check(z.describe('How many were measured')),
  p50Ms: z.optional(z.int().check(z.describe('Upper bound of the histogram bucket holding the median'))),
  p95Ms: z.optional(z.int()),
});

export const dailyReportRow = z.strictObject({
  day: z.string().check(z.describe('China day, yyyy-mm-dd')),
  group: z.string().check(z.describe('The value of groupBy (e.g. alipay)')),
  currency: z.string().check(z.describe('Every amount of the row is in this currency: a group with payments in two currencies has a row for each')),
  created: tally,
  succeeded: tally,
  closed: tally,
  failed: tally,
  refunded: tally.check(z.describe('Refunds that succeeded, and their amounts')),
  successRate: z.optional(z.number().check(z.describe('succeeded / created of the day (absent without creates)'))),
  averageTicket: z.optional(z.int().check(z.describe('succeeded amount / succeeded count, minor units'))),
  timeToPay: percentiles.check(z.describe('From create to paid, of the payments that succeeded that day')),
  callbackLatency: percentiles.check(z.describe("From the provider's notification time to payee applying it, of that day's applied callbacks that carried one")),
});
export type DailyReportRow = z.output<typeof dailyReportRow>;

export const dailyReport = z.strictObject({
  from: z.string(),
  to: z.string(),
  groupBy: z.enum(REPORT_GROUPS),
  data: z.array(dailyReportRow),
});
export type DailyReport = z.output<typeof dailyReport>;
