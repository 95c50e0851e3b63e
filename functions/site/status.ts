/**
 * GET /status.json (site stack, CloudFront → this function's URL): the canary's figures, summarized,
 * and the gateway's own view of the site merchant's payments (its daily report, the site's key).
 */
import { documentClient, tableName } from '../../lib/aws/dynamodb.ts';
import { statusReport } from '../../lib/status/report.ts';
import { CanaryStore } from '../../lib/status/store.ts';

const store = new CanaryStore(documentClient(), tableName());
const { PAYEE_API_URL: apiUrl, SITE_MERCHANT_KEY: apiKey } = process.env;
const merchant = apiUrl && apiKey ? { apiUrl: apiUrl.replace(/\/$/, ''), apiKey } : undefined;

export async function handler(): Promise<{ statusCode: number; headers: Record<string, string>; body: string }> {
  return {
    statusCode: 200,
    // CloudFront keeps it a minute: the canary writes once a minute.
    headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'public, max-age=60' },
    body: JSON.stringify(await statusReport(store, { merchant })),
  };
}
