/**
 * The canary on this machine: a test merchant of its own (a pay config per provider sandbox), a
 * round trip per channel at start and then every minute (where the site stack's schedule runs
 * it on AWS), each check recorded in the site's table in DynamoDB Local.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { runCanary } from '../../lib/status/canary.ts';
import type { Check } from '../../lib/status/check.ts';
import { CanaryStore, ensureSiteTable } from '../../lib/status/store.ts';
import { createMerchant } from './merchants.ts';
import { clientConfig, type Target } from './target.ts';

export const LOCAL_SITE_TABLE = 'payee-site-local';

export interface LocalCanary {
  store: CanaryStore;
  /** Runs one round trip per channel now and records it. */
  runOnce(): Promise<Check[]>;
  stop(): void;
}

export async function startCanary(
  target: Target,
  options: { intervalMs?: number; tableName?: string; timeoutMs?: number; onError?: (err: Error) => void } = {},
): Promise<LocalCanary> {
  const tableName = options.tableName ?? LOCAL_SITE_TABLE;
  const client = new DynamoDBClient(clientConfig(target, 'dynamodb'));
  await ensureSiteTable(client, tableName);
  const store = new CanaryStore(DynamoDBDocumentClient.from(client), tableName);
  const merchant = await createMerchant(target, { name: 'canary' });
  const runOnce = async () => {
    const checks = await runCanary({ apiUrl: target.apiUrl, apiKey: merchant.apiKey, timeoutMs: options.timeoutMs });
    await Promise.all(checks.map((c) => store.record(c)));
    return checks;
  };
  let timer: NodeJS.Timeout | undefined;
  if (options.intervalMs) {
    const tick = () => void runOnce().catch((err: Error) => options.onError?.(err));
    tick();
    timer = setInterval(tick, options.intervalMs);
    timer.unref();
  }
  return { store, runOnce, stop: () => clearInterval(timer) };
}
