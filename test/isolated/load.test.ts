/**
 * Load: 200 payments created at once, each receiving 3 duplicate notifies in random order →
 * every payment SUCCEEDED exactly once, the day's counter says 200, nothing left in the queues.
 */
import { describe, expect, it } from 'vitest';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { clientConfig } from '../../infra/local/target.ts';
import { COUNTER_SHARDS } from '../../lib/store/dynamodb/keys.ts';
import { chinaDayOf } from '../../lib/statements/china-day.ts';
import { queueDepth } from '../support/chaos.ts';
import { deliverAlipayNotify, eventsOf, eventually, paymentOf, sandboxPost } from '../support/callbacks.ts';
import { eachInPool } from '../support/pool.ts';
import { call, newMerchant, sampleBody, target } from '../support/target.ts';

const PAYMENTS = 200;

describe.skipIf(!target().sandbox || !target().queues)('callbacks under load', () => {
  it(`${PAYMENTS} payments × 3 duplicate notifies in random order → each SUCCEEDED once, counters ${PAYMENTS}`, async () => {
    const merchant = await newMerchant('load');
    // Earlier files on this stack may have left their own dead letters (the poison test does).
    const deadLettersBefore = await queueDepth(target().queues!.callbacksDeadLetter);
    const created = await eachInPool(Array.from({ length: PAYMENTS }, (_, i) => i), 32, async () => {
      const res = await call(merchant.apiKey, 'POST', '/v1/payments', { body: sampleBody() });
      expect(res.status).toBe(201);
      return res.body.payNo as string;
    });
    const bodies = await eachInPool(created, 16, async (payNo) =>
      (await sandboxPost(`/sandbox/trades/${payNo}/notifications`, { tradeStatus: 'TRADE_SUCCESS', send: false })).body as string,
    );
    const deliveries = bodies.flatMap((body) => [body, body, body]).sort(() => Math.random() - 0.5);
    const replies = await eachInPool(deliveries, 32, (body) => deliverAlipayNotify(merchant.payId, body));
    expect(replies.filter((r) => r.text !== 'success')).toEqual([]);

    await eventually(() => queueDepth(target().queues!.callbacks), (n) => n === 0, 60_000);
    const payments = await eachInPool(created, 16, (payNo) => paymentOf(merchant, payNo));
    expect(payments.filter((p) => p.status !== 'SUCCEEDED')).toEqual([]);
    const events = await eachInPool(created, 16, (payNo) => eventsOf(merchant, payNo));
    expect(events.map((e) => e.length)).toEqual(Array(PAYMENTS).fill(1));

    const t = target();
    const ddb = DynamoDBDocumentClient.from(new DynamoDBClient(clientConfig(t, 'dynamodb')));
    const day = chinaDayOf(new Date());
    // The day's counters are sharded (COUNTER_SHARDS partitions), one item per figure × channel ×
    // method × config × currency in each, and folded from the stream in tumbling windows: the
    // succeeded figure, summed over the shards, reaches the count, and not past it.
    const succeeded = async () => {
      const shards = await Promise.all(
        Array.from({ length: COUNTER_SHARDS }, (_, shard) =>
          ddb.send(
            new QueryCommand({
              TableName: t.tableName,
              KeyConditionExpression: 'PK = :pk AND begins_with(SK, :figure)',
              ExpressionAttributeValues: { ':pk': `STAT#${merchant.companyId}#${day}#${shard}`, ':figure': 'succeeded#alipay#' },
              ConsistentRead: true,
            }),
          ),
        ),
      );
      const sum = (field: string) => shards.flatMap(({ Items }) => Items ?? []).reduce((s, item) => s + Number(item[field] ?? 0), 0);
      return { count: sum('count'), amount: sum('amount') };
    };
    await eventually(succeeded, (c) => c.count >= PAYMENTS, 30_000);
    expect(await succeeded()).toEqual({ count: PAYMENTS, amount: PAYMENTS * 1999 });
    expect(await queueDepth(t.queues!.callbacksDeadLetter)).toBe(deadLettersBefore);
  }, 180_000);
});
