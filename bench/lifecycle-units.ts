/**
 * Capacity units of one payment's whole lifecycle, as DynamoDB Local reports them (ConsumedCapacity
 * through the counting proxy): create → Alipay's paid notify → SUCCEEDED → the merchant notified.
 * Each lifecycle runs alone and to its end (the notification DELIVERED), so every unit counted is
 * that payment's; completion is watched on DynamoDB directly, around the proxy, so the watching
 * costs nothing here.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Target } from '../infra/local/target.ts';
import { providerHttp as http } from '../lib/http/provider-http.ts';
import { WRITE_OPERATIONS, type Call } from './counting-proxy.ts';

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
}

export async function measureLifecycles(
  target: Target,
  merchant: { apiKey: string; payId: string },
  proxy: { calls: Call[]; reset(): void },
  options: { count: number; idempotencyKeyAndNotifyUrl: boolean },
): Promise<LifecycleUnits> {
  const receiver = createServer((req, res) => req.resume().on('end', () => res.writeHead(200).end('ok')));
  await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
  const notifyUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/notify`;
  const doc = DynamoDBDocumentClient.from(new DynamoDBClient({ region: target.region, endpoint: target.endpoints!.dynamodb, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } }));
  const payment = async (payNo: string) =>
    (await doc.send(new GetCommand({ TableName: target.tableName, Key: { PK: `PAY#${payNo}`, SK: 'PAY' }, ConsistentRead: true }))).Item;
  const delivered = async (payNo: string) => {
    const { Items = [] } = await doc.send(
      new QueryCommand({
        TableName: target.tableName,
        KeyConditionExpression: 'PK = :pk AND begins_with(SK, :ntf)',
        ExpressionAttributeValues: { ':pk': `PAY#${payNo}`, ':ntf': 'NTF#' },
        ConsistentRead: true,
      }),
    );
    return Items.length > 0 && Items.every((i) => i.status === 'DELIVERED');
  };

  const calls: Call[] = [];
  let first: Call[] = [];
  try {
    for (let i = 0; i < options.count; i++) {
      const outTradeNo = `LC${Date.now()}${i}`;
      const headers: Record<string, string> = { 'x-api-key': merchant.apiKey, 'content-type': 'application/json' };
      if (options.idempotencyKeyAndNotifyUrl) headers['Idempotency-Key'] = `lifecycle-${outTradeNo}`;
      const body = { method: 'alipay.qr', outTradeNo, subject: 'bench', amount: 1999, currency: 'CNY', ...(options.idempotencyKeyAndNotifyUrl ? { notifyUrl } : {}) };
      proxy.reset();
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
      await waitFor(async () => (await payment(payNo))?.status === 'SUCCEEDED', 30_000);
      if (options.idempotencyKeyAndNotifyUrl) await waitFor(() => delivered(payNo), 30_000);
      calls.push(...proxy.calls);
      if (i === 0) first = [...proxy.calls];
    }
  } finally {
    await new Promise((r) => receiver.close(r));
  }
  const byOperation: Record<string, number> = {};
  let writeUnits = 0;
  let readUnits = 0;
  for (const c of calls) {
    if (WRITE_OPERATIONS.has(c.operation)) {
      writeUnits += c.units ?? 0;
      const tableUnits = (c.units ?? 0) - Object.values(c.indexUnits ?? {}).reduce((s, u) => s + u, 0);
      byOperation[c.operation] = (byOperation[c.operation] ?? 0) + tableUnits / options.count;
      for (const [index, u] of Object.entries(c.indexUnits ?? {})) byOperation[index] = (byOperation[index] ?? 0) + u / options.count;
    } else readUnits += c.units ?? 0;
  }
  const writes = first
    .filter((c) => WRITE_OPERATIONS.has(c.operation))
    .map((c) => {
      const indexes = Object.entries(c.indexUnits ?? {}).map(([index, u]) => `${index} ${u}`);
      return `${c.operation} ${c.units ?? 0}${indexes.length ? ` (${indexes.join(', ')})` : ''}`;
    });
  return { writeUnits: writeUnits / options.count, readUnits: readUnits / options.count, byOperation, writes };
}
