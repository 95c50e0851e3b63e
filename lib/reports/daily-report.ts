/**
 * GET /v1/reports/daily: the counters of each China day summed over their shards (one Query per
 * shard and day, in parallel) and grouped by one dimension of their keys, and always by currency:
 * amounts of different currencies are never added up.
 */
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { documentClient, tableName } from '../aws/dynamodb.ts';
import type { DailyReport, DailyReportQuery, DailyReportRow } from '../api/daily-report-schema.ts';
import { COUNTER_SHARDS, dailyCounterPartition } from '../store/dynamodb/keys.ts';
import { BUCKETS_MS, FIGURES, type Figure } from './counters.ts';

/** One counter item as stored. */
export interface CounterItem {
  SK: string;
  count: number;
  amount: number;
  [histogram: string]: unknown;
}

const DIMENSIONS = { channel: 1, method: 2, payId: 3, currency: 4 } as const;

/** The days from..to, both included. */
export function daysOf(from: string, to: string): string[] {
  const days: string[] = [];
  for (let t = Date.parse(`${from}T00:00:00Z`); t <= Date.parse(`${to}T00:00:00Z`); t += 86_400_000) days.push(new Date(t).toISOString().slice(0, 10));
  return days;
}

/** The upper bound of the bucket where the q-th share of a histogram falls. */
export function percentile(histogram: number[], q: number): number | undefined {
  const total = histogram.reduce((a, b) => a + b, 0);
  if (!total) return undefined;
  let seen = 0;
  for (let i = 0; i < histogram.length; i++) {
    seen += histogram[i]!;
    if (seen >= q * total) return BUCKETS_MS[i];
  }
  return undefined;
}

const percentiles = (h: number[]) => ({ count: h.reduce((a, b) => a + b, 0), p50Ms: percentile(h, 0.5), p95Ms: percentile(h, 0.95) });

/** The rows of one day from its counter items (every shard's), one per value of `groupBy` and currency. */
export function rowsOf(day: string, items: CounterItem[], groupBy: DailyReportQuery['groupBy']): DailyReportRow[] {
  const groups = new Map<string, { group: string; currency: string; tally: Record<Figure, { count: number; amount: number }>; tp: number[]; cb: number[] }>();
  for (const item of items) {
    const parts = item.SK.split('#');
    const figure = parts[0] as Figure;
    if (!FIGURES.includes(figure)) continue;
    const group = parts[DIMENSIONS[groupBy]] ?? '';
    const currency = parts[DIMENSIONS.currency] ?? '';
    const key = `${group}#${currency}`;
    let g = groups.get(key);
    if (!g) {
      g = { group, currency, tally: Object.fromEntries(FIGURES.map((f) => [f, { count: 0, amount: 0 }])) as never, tp: BUCKETS_MS.map(() => 0), cb: BUCKETS_MS.map(() => 0) };
      groups.set(key, g);
    }
    g.tally[figure].count += Number(item.count ?? 0);
    g.tally[figure].amount += Number(item.amount ?? 0);
    BUCKETS_MS.forEach((_, i) => {
      g.tp[i]! += Number(item[`tp${i}`] ?? 0);
      g.cb[i]! += Number(item[`cb${i}`] ?? 0);
    });
  }
  return [...groups.values()]
    .sort((a, b) => a.group.localeCompare(b.group) || a.currency.localeCompare(b.currency))
    .map(({ group, currency, tally, tp, cb }) => ({
      day,
      group,
      currency,
      ...tally,
      successRate: tally.created.count ? tally.succeeded.count / tally.created.count : undefined,
      averageTicket: tally.succeeded.count ? Math.round(tally.succeeded.amount / tally.succeeded.count) : undefined,
      timeToPay: percentiles(tp),
      callbackLatency: percentiles(cb),
    }));
}

async function itemsOf(companyId: string, day: string): Promise<CounterItem[]> {
  const shards = await Promise.all(
    Array.from({ length: COUNTER_SHARDS }, async (_, shard) => {
      const items: CounterItem[] = [];
      let ExclusiveStartKey: Record<string, unknown> | undefined;
      do {
        const page = await documentClient().send(
          new QueryCommand({ TableName: tableName(), KeyConditionExpression: 'PK = :pk', ExpressionAttributeValues: { ':pk': dailyCounterPartition(companyId, day, shard) }, ExclusiveStartKey }),
        );
        items.push(...((page.Items ?? []) as CounterItem[]));
        ExclusiveStartKey = page.LastEvaluatedKey;
      } while (ExclusiveStartKey);
      return items;
    }),
  );
  return shards.flat();
}

export async function dailyReport(companyId: string, query: DailyReportQuery): Promise<DailyReport> {
  const days = daysOf(query.from, query.to);
  const perDay = await Promise.all(days.map(async (day) => rowsOf(day, await itemsOf(companyId, day), query.groupBy)));
  return { from: query.from, to: query.to, groupBy: query.groupBy, data: perDay.flat() };
}
