/** The public status document: the canary's records read from the site's table and summarized. */
import { CANARY_APIS, CANARY_CHANNELS } from './check.ts';
import type { CanaryStore } from './store.ts';
import { BAR_DAYS, summarize, type Status } from './summary.ts';

export async function statusReport(store: CanaryStore, now: Date = new Date()): Promise<Status> {
  const since = new Date(now.getTime() - 86_400_000).toISOString();
  const sinceDay = new Date(now.getTime() - (BAR_DAYS - 1) * 86_400_000).toISOString().slice(0, 10);
  const [checks, channelDays, apiDays] = await Promise.all([
    Promise.all(CANARY_CHANNELS.map((c) => store.checks(c, since))),
    Promise.all(CANARY_CHANNELS.map((channel) => store.days({ channel }, sinceDay))),
    Promise.all(CANARY_APIS.map((api) => store.days({ api }, sinceDay))),
  ]);
  const byChannel = <T>(values: T[]) => Object.fromEntries(CANARY_CHANNELS.map((c, i) => [c, values[i]!])) as Record<(typeof CANARY_CHANNELS)[number], T>;
  return summarize({
    now,
    checks: byChannel(checks),
    channelDays: byChannel(channelDays),
    apiDays: Object.fromEntries(CANARY_APIS.map((a, i) => [a, apiDays[i]!])) as Record<(typeof CANARY_APIS)[number], (typeof apiDays)[number]>,
  });
}
