/** The public status document: the canary's records read from the site's table and summarized, with the gateway's own view. */
import { logger } from '../observability/logger.ts';
import { CANARY_APIS, CANARY_CHANNELS } from './check.ts';
import { readGatewayView, type GatewayView } from './gateway-view.ts';
import type { CanaryStore } from './store.ts';
import { BAR_DAYS, summarize, type Status } from './summary.ts';

/** The site as a merchant of the gateway: whose payments the gateway's view counts. */
export interface SiteMerchantKey {
  apiUrl: string;
  apiKey: string;
}

/** The gateway's view, or null (logged) when it does not answer: the canary's figures are served regardless. */
async function gatewayView(merchant: SiteMerchantKey | undefined, now: Date): Promise<GatewayView | null> {
  if (!merchant) return null;
  try {
    return await readGatewayView(merchant, now);
  } catch (err) {
    logger.warn('status: the gateway view is unavailable', { event: 'status.gateway_view', error: (err as Error).message });
    return null;
  }
}

export async function statusReport(store: CanaryStore, options: { now?: Date; merchant?: SiteMerchantKey } = {}): Promise<Status> {
  const now = options.now ?? new Date();
  const since = new Date(now.getTime() - 86_400_000).toISOString();
  const sinceDay = new Date(now.getTime() - (BAR_DAYS - 1) * 86_400_000).toISOString().slice(0, 10);
  const [checks, channelDays, apiDays, gateway] = await Promise.all([
    Promise.all(CANARY_CHANNELS.map((c) => store.checks(c, since))),
    Promise.all(CANARY_CHANNELS.map((channel) => store.days({ channel }, sinceDay))),
    Promise.all(CANARY_APIS.map((api) => store.days({ api }, sinceDay))),
    gatewayView(options.merchant, now),
  ]);
  const byChannel = <T>(values: T[]) => Object.fromEntries(CANARY_CHANNELS.map((c, i) => [c, values[i]!])) as Record<(typeof CANARY_CHANNELS)[number], T>;
  return summarize({
    now,
    checks: byChannel(checks),
    channelDays: byChannel(channelDays),
    apiDays: Object.fromEntries(CANARY_APIS.map((a, i) => [a, apiDays[i]!])) as Record<(typeof CANARY_APIS)[number], (typeof apiDays)[number]>,
    gateway,
  });
}
