/**
 * Capacity units of one payment's whole lifecycle, as DynamoDB Local reports them (ConsumedCapacity
 * through the counting proxy): create → Alipay's paid notify → SUCCEEDED (its event item written) →
 * the merchant notified. Each lifecycle runs alone and to its end (the notification DELIVERED), so
 * every unit counted is that payment's; completion is watched on DynamoDB directly, around the
 * proxy, so the watching costs nothing here.
 *
 * The daily counters (`STAT#` items) are not one payment's: the events relay writes each once per
 * 5 s window for every payment the window saw. They are counted apart, while the lifecycles run
 * alone (the worst case: a window per lifecycle or two) and under a burst of payments.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Target } from '../infra/local/target.ts';
import { providerHttp as http } from '../lib/http/provider-http.ts';
import { WRITE_OPERATIONS, type Call } from './counting-proxy.ts';
import { pool } from './pool.ts';

/** The relay's window is 5 s: no counter write for longer than that, and every window opened is written. */
const QUIET_MS = 7_000;
const WINDOW_CLOSE_MS = 30_000;

async function waitFor(check: () => Promise<boolean>, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('lifecycle did not complete in time');
    await new Promise((r) => setTimeout(r, 20));
  }
}

export interface LifecycleUnits {
  writeUnits: number;
  readUnits: number;
  /** Write units per operation and per index, summed over the lifecycle. */
  byOperation: Record<string, number>;
  /** The first lifecycle's writes in order: `operation units (index units)`. */
  writes: string[];
  /** The daily counters' write units per lifecycle while the lifecycles ran one after another. */
  counterUnits: number;
}

type Proxy = { calls: Call[]; reset(): void };
type Merchant = { apiKey: string; payId: string };

const isWrite = (c: Call) => WRITE_OPERATIONS.has(c.operation);
const isCounter = (c: Call) => c.item === 'STAT';
const unitsOf = (calls: Call[]) => calls.reduce((s, c) => s + (c.units ?? 0), 0);

/** create → paid notify → SUCCEEDED with its event item → (with a notifyUrl) delivered. */
function lifecycles(target: Target, merchant: Merchant, notifyUrl: string | undefined) {
  const doc = DynamoDBDocumentClient.from(new DynamoDBClient({ region: target.region, endpoint: target.endpoints!.dynamodb, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } }));
  const itemsUnder = async (payNo: string, prefix: string) =>
    (
      await doc.send(
        new QueryCommand({
          TableName: target.tableName,
          KeyConditionExpression: 'PK = :pk AND begins_with(SK, :prefix)',
          ExpressionAttributeValues: { ':pk': `PAY#${payNo}`, ':prefix': prefix },
          ConsistentRead: true,
        }),
      )
    ).Items ?? [];
  const payment = async (payNo: string) =>
    (await doc.send(new GetCommand({ TableName: target.tableName, Key: { PK: `PAY#${payNo}`, SK: 'PAY' }, ConsistentRead: true }))).Item;
  const done = async (payNo: string) => {
    if ((await payment(payNo))?.status !== 'SUCCEEDED' || (await itemsUnder(payNo, 'EVT#')).length === 0) return false;
    if (!notifyUrl) return true;
    const notifications = await itemsUnder(payNo, 'NTF#');
    return notifications.length > 0 && notifications.every((i) => i.status === 'DELIVERED');
  };
  return async (label: string): Promise<void> => {
    const outTradeNo = `LC${Date.now()}${label}`;
    const headers: Record<string, string> = { 'x-api-key': merchant.apiKey, 'content-type': 'application/json' };
    if (notifyUrl) headers['Idempotency-Key'] = `lifecycle-${outTradeNo}`;
    const body = { method: 'alipay.qr', outTradeNo, subject: 'bench', amount: 1999, currency: 'CNY', ...(notifyUrl ? { notifyUrl } : {}) };
    const created = await http(`${target.apiUrl}/v1/payments`, { method: 'POST', headers, body: JSON.stringify(body), timeoutMs: 30_000 });
    if (created.status !== 201) throw new Error(`create answered ${created.status}: ${created.body}`);
    const payNo = JSON.parse(created.body).payNo as string;
    // The provider's signed notify; the sandbox does not go through the proxy.
    const notify = await http(`${target.sandbox!.alipay.url}/sandbox/trades/${payNo}/notifications`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ tradeStatus: 'TRADE_SUCCESS', send: false }),
      timeoutMs: 30_000,
    });
    const callback = await http(`${target.apiUrl}/callbacks/alipay/${merchant.payId}`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' },
      body: JSON.parse(notify.body).body,
      timeoutMs: 30_000,
    });
    if (callback.body !== 'success') throw new Error(`callback answered ${callback.status}: ${callback.body}`);
    await waitFor(() => done(payNo), 30_000);
  };
}

/** Waits until the counter windows the calls so far opened are written: no counter write for longer than a window. */
async function windowsClosed(proxy: Proxy) {
  const started = Date.now();
  let seen = 0;
  let changedAt = started;
  while (Date.now() - started < WINDOW_CLOSE_MS) {
    const now = proxy.calls.filter(isCounter).length;
    if (now !== seen) [seen, changedAt] = [now, Date.now()];
    if (Date.now() - changedAt > QUIET_MS) return;
    await new Promise((r) => setTimeout(r, 500));
  }
}

async function withReceiver<R>(run: (notifyUrl: string) => Promise<R>): Promise<R> {
  const receiver = createServer((req, res) => req.resume().on('end', () => res.writeHead(200).end('ok')));
  await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
  try {
    return await run(`http://127.0.0.1:${(receiver.address() as AddressInfo).port}/notify`);
  } finally {
    await new Promise((r) => receiver.close(r));
  }
}

export function measureLifecycles(
  target: Target,
  merchant: Merchant,
  proxy: Proxy,
  options: { count: number; idempotencyKeyAndNotifyUrl: boolean },
): Promise<LifecycleUnits> {
  return withReceiver(async (notifyUrl) => {
    const lifecycle = lifecycles(target, merchant, options.idempotencyKeyAndNotifyUrl ? notifyUrl : undefined);
    const own: Call[] = [];
    const counters: Call[] = [];
    let first: Call[] = [];
    proxy.reset();
    for (let i = 0; i < options.count; i++) {
      const from = proxy.calls.length;
      await lifecycle(String(i));
      const calls = proxy.calls.slice(from);
      // Counter writes land whenever a window closes, whichever lifecycle is running then.
      own.push(...calls.filter((c) => !isCounter(c)));
      if (i === 0) first = calls.filter((c) => isWrite(c) && !isCounter(c));
    }
    await windowsClosed(proxy);
    counters.push(...proxy.calls.filter((c) => isWrite(c) && isCounter(c)));

    const byOperation: Record<string, number> = {};
    let writeUnits = 0;
    let readUnits = 0;
    for (const c of own) {
      if (isWrite(c)) {
        writeUnits += c.units ?? 0;
        const tableUnits = (c.units ?? 0) - Object.values(c.indexUnits ?? {}).reduce((s, u) => s + u, 0);
        byOperation[c.operation] = (byOperation[c.operation] ?? 0) + tableUnits / options.count;
        for (const [index, u] of Object.entries(c.indexUnits ?? {})) byOperation[index] = (byOperation[index] ?? 0) + u / options.count;
      } else readUnits += c.units ?? 0;
    }
    const writes = first.map((c) => {
      const indexes = Object.entries(c.indexUnits ?? {}).map(([index, u]) => `${index} ${u}`);
      return `${c.operation} ${c.units ?? 0}${indexes.length ? ` (${indexes.join(', ')})` : ''}`;
    });
    return {
      writeUnits: writeUnits / options.count,
      readUnits: readUnits / options.count,
      byOperation,
      writes,
      counterUnits: unitsOf(counters) / options.count,
    };
  });
}

/** The daily counters' write units per payment when `count` lifecycles run `concurrency` at a time. */
export async function measureCounterShare(target: Target, merchant: Merchant, proxy: Proxy, count: number, concurrency: number): Promise<number> {
  const lifecycle = lifecycles(target, merchant, undefined);
  proxy.reset();
  await pool(count, concurrency, (i) => lifecycle(`B${i}`));
  await windowsClosed(proxy);
  return unitsOf(proxy.calls.filter((c) => isWrite(c) && isCounter(c))) / count;
}
