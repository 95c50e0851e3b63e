/** The suite's view of the deployment under test: the target, its merchants and an HTTP client. */
import { inject } from 'vitest';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { DynamoDBDocumentClient, PutCommand, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { createMerchant, type Merchant } from '../../infra/local/merchants.ts';
import { clientConfig, type Target } from '../../infra/local/target.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    target: Target;
  }
}

export const target = (): Target => inject('target');

export function newMerchant(name: string, tier?: string): Promise<Merchant> {
  return createMerchant(target(), { name, tier });
}

export interface Reply {
  status: number;
  headers: Headers;
  body: any;
}

/** Calls the API as a merchant would: JSON in, JSON out. */
export async function call(
  apiKey: string | undefined,
  method: string,
  path: string,
  options: { body?: unknown; raw?: string | Uint8Array; headers?: Record<string, string> } = {},
): Promise<Reply> {
  const headers: Record<string, string> = { ...(apiKey ? { 'x-api-key': apiKey } : {}) };
  let body: string | Uint8Array | undefined;
  if (options.raw !== undefined) body = options.raw;
  else if (options.body !== undefined) {
    body = JSON.stringify(options.body);
    headers['content-type'] = 'application/json';
  }
  const res = await fetch(`${target().apiUrl}${path}`, { method, headers: { ...headers, ...options.headers }, body });
  const text = await res.text();
  let parsed: unknown = text;
  try {
    parsed = JSON.parse(text);
  } catch {
    // not JSON: keep the text
  }
  return { status: res.status, headers: res.headers, body: parsed };
}

let ddb: DynamoDBDocumentClient | undefined;

/**
 * Every item of one company, for "nothing changed" checks (tests only: a Scan). The daily counters
 * are left out: the events relay folds them from the other items' changes a few seconds later (a
 * tumbling window), so they are checked through those items, and a window closing between two
 * reads is not a change the request made.
 */
export async function companyItems(companyId: string): Promise<Record<string, unknown>[]> {
  const t = target();
  ddb ??= DynamoDBDocumentClient.from(new DynamoDBClient(clientConfig(t, 'dynamodb')));
  const items: Record<string, unknown>[] = [];
  let ExclusiveStartKey: Record<string, unknown> | undefined;
  do {
    const page = await ddb.send(
      new ScanCommand({
        TableName: t.tableName,
        FilterExpression: '(companyId = :co OR contains(PK, :co)) AND NOT begins_with(PK, :counter)',
        ExpressionAttributeValues: { ':co': companyId, ':counter': 'STAT#' },
        ConsistentRead: true,
        ExclusiveStartKey,
      }),
    );
    items.push(...(page.Items ?? []));
    ExclusiveStartKey = page.LastEvaluatedKey;
  } while (ExclusiveStartKey);
  return items.sort((a, b) => String(a.PK).localeCompare(String(b.PK)));
}

/** Puts one item as a writer that stopped half way would have left it (tests of crash recovery only). */
export async function putItem(item: Record<string, unknown>): Promise<void> {
  const t = target();
  ddb ??= DynamoDBDocumentClient.from(new DynamoDBClient(clientConfig(t, 'dynamodb')));
  await ddb.send(new PutCommand({ TableName: t.tableName, Item: item }));
}

export const sampleBody = (overrides: Record<string, unknown> = {}) => ({
  method: 'alipay.qr',
  outTradeNo: `T${Date.now()}${Math.floor(Math.random() * 1e6)}`,
  subject: 'T-shirt',
  amount: 1999,
  currency: 'CNY',
  ...overrides,
});

/**
 * Runs one of the stack's functions now (`Reconciler`, ...), as `aws lambda invoke` would: what a
 * schedule does, without waiting for it. Throws with the function's error when it fails.
 */
export async function invokeFunction(role: string, event: unknown = {}): Promise<unknown> {
  const name = target().functions?.[role];
  if (!name) throw new Error(`the target names no function ${role}`);
  const lambda = new LambdaClient(clientConfig(target(), 'lambda'));
  const reply = await lambda.send(new InvokeCommand({ FunctionName: name, Payload: JSON.stringify(event) }));
  const payload = reply.Payload ? JSON.parse(Buffer.from(reply.Payload).toString('utf8') || 'null') : null;
  if (reply.FunctionError) throw new Error(`${role} failed: ${JSON.stringify(payload)}`);
  return payload;
}
