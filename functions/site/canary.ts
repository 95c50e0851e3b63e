/**
 * The canary (site stack, EventBridge every minute): a payment round trip per channel through the
 * merchant API with the test merchant's key, each check recorded in the site's table.
 */
import { documentClient, tableName } from '../../lib/aws/dynamodb.ts';
import { runCanary } from '../../lib/status/canary.ts';
import { CanaryStore } from '../../lib/status/store.ts';

const store = new CanaryStore(documentClient(), tableName());

export async function handler(): Promise<{ checks: { channel: string; ok: boolean; ms: number }[] }> {
  const apiUrl = process.env.CANARY_API_URL;
  const apiKey = process.env.CANARY_API_KEY;
  if (!apiUrl || !apiKey) throw new Error('CANARY_API_URL and CANARY_API_KEY must be set');
  const checks = await runCanary({ apiUrl: apiUrl.replace(/\/$/, ''), apiKey });
  await Promise.all(checks.map((c) => store.record(c)));
  return { checks: checks.map(({ channel, ok, ms }) => ({ channel, ok, ms })) };
}
