// A window's counter sums written to DynamoDB Local: added once, however often the final invocation
// is retried; another stream shard's window adds to the same figures; a window that stopped half way
// writes only what it had not.
import { CreateTableCommand } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dynamoClient, startDynamo, type LocalDynamo } from '../../../infra/local/emulator/dynamodb.ts';
import type { CounterSum, CounterWindow } from '../../reports/counter-window.ts';
import { writeCounterWindow } from './counter-store.ts';
import { COUNTER_SHARDS, dailyCounterPartition } from './keys.ts';

const region = 'us-east-1';
let dynamo: LocalDynamo;
let client: DynamoDBDocumentClient;

beforeAll(async () => {
  dynamo = await startDynamo(0, '127.0.0.1', region);
  Object.assign(process.env, { TABLE_NAME: 'counters', AWS_ENDPOINT_URL_DYNAMODB: dynamo.endpoint, AWS_REGION: region, AWS_ACCESS_KEY_ID: 'local', AWS_SECRET_ACCESS_KEY: 'local' });
  const raw = dynamoClient(dynamo.endpoint, region);
  await raw.send(
    new CreateTableCommand({
      TableName: 'counters',
      BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions: ['PK', 'SK'].map((AttributeName) => ({ AttributeName, AttributeType: 'S' })),
      KeySchema: [{ AttributeName: 'PK', KeyType: 'HASH' }, { AttributeName: 'SK', KeyType: 'RANGE' }],
    }),
  );
  client = DynamoDBDocumentClient.from(raw);
});
afterAll(async () => {
  await dynamo?.stop();
});

const sum = (sortKey: string, count: number, amount: number, buckets: Record<string, number> = {}): CounterSum => ({ companyId: 'C1', day: '2026-12-03', sortKey, count, amount, buckets });
const window = (first: string, last: string, ...sums: CounterSum[]): CounterWindow => ({ first, last, sums: Object.fromEntries(sums.map((s) => [s.sortKey, s])) });

/** Every shard's items, summed per sort key as a report does. */
async function totals() {
  const items = (
    await Promise.all(
      Array.from({ length: COUNTER_SHARDS }, async (_, shard) =>
        (await client.send(new QueryCommand({ TableName: 'counters', KeyConditionExpression: 'PK = :pk', ExpressionAttributeValues: { ':pk': dailyCounterPartition('C1', '2026-12-03', shard) } }))).Items ?? [],
      ),
    )
  ).flat();
  const out: Record<string, Record<string, number>> = {};
  for (const item of items) {
    const t = (out[item.SK] ??= {});
    for (const [k, v] of Object.entries(item)) if (typeof v === 'number') t[k] = (t[k] ?? 0) + v;
  }
  return out;
}

describe('counter windows', () => {
  it('adds a window once; a retry of the same window and an older one add nothing; the next window adds', async () => {
    const w1 = window('9', '12', sum('created#a', 2, 300), sum('succeeded#a', 1, 100, { tp0: 1, cb2: 1 }));
    expect(await writeCounterWindow(w1, 'shardId-1')).toBe(2);
    expect(await writeCounterWindow(w1, 'shardId-1')).toBe(0);
    // Sequence numbers compare as numbers, not as strings ('9' < '12').
    expect(await writeCounterWindow(window('10', '11', sum('created#a', 5, 5)), 'shardId-1')).toBe(0);
    expect(await writeCounterWindow(window('13', '20', sum('created#a', 1, 50)), 'shardId-1')).toBe(1);
    expect(await totals()).toEqual({ 'created#a': { count: 3, amount: 350 }, 'succeeded#a': { count: 1, amount: 100, tp0: 1, cb2: 1 } });
  });

  it("another stream shard's window adds to the same figures; a window retried after writing half its items writes the rest", async () => {
    expect(await writeCounterWindow(window('5', '6', sum('created#a', 1, 10)), 'shardId-2')).toBe(1);
    // Retried with one more item than its first try wrote (the first try wrote created#a and failed).
    expect(await writeCounterWindow(window('5', '6', sum('created#a', 1, 10), sum('closed#a', 1, 10)), 'shardId-2')).toBe(1);
    const t = await totals();
    expect(t['created#a']).toEqual({ count: 4, amount: 360 });
    expect(t['closed#a']).toEqual({ count: 1, amount: 10 });
  });

  it('writes nothing for an empty window', async () => {
    expect(await writeCounterWindow({ sums: {} }, 'shardId-3')).toBe(0);
  });
});
