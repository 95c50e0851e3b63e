/**
 * Writes a window's counter sums (lib/reports/counter-window.ts): one UpdateItem per counter item,
 * ADD without a transaction, so concurrent writers of one item never conflict. Idempotent: each
 * item keeps, per stream shard, the last sequence number folded into it, and a window is added
 * only where that is older than the window's first record. A retried final invocation (Lambda
 * retries it until it succeeds) adds nothing twice; a window that had written half its items
 * before failing writes the other half on the retry.
 */
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { documentClient, tableName } from '../../aws/dynamodb.ts';
import type { CounterSum, CounterWindow } from '../../reports/counter-window.ts';
import { conditionalWrite } from './transactions.ts';
import { dailyCounterKey } from './keys.ts';

/** Stream sequence numbers are decimal strings of varying length: padded, they compare as strings. */
const comparable = (sequence: string) => sequence.padStart(48, '0');

const PARALLEL = 16;

function counterWrite(TableName: string, sum: CounterSum, shardId: string, first: string, last: string) {
  const names: Record<string, string> = { '#seq': `seq ${shardId}` };
  const values: Record<string, unknown> = { ':entity': 'dailyCounter', ':first': comparable(first), ':last': comparable(last) };
  const adds: string[] = [];
  const add = (attribute: string, value: number) => {
    const i = adds.length;
    names[`#a${i}`] = attribute;
    values[`:a${i}`] = value;
    adds.push(`#a${i} :a${i}`);
  };
  if (sum.count) add('count', sum.count);
  if (sum.amount) add('amount', sum.amount);
  for (const [bucket, n] of Object.entries(sum.buckets)) add(bucket, n);
  return new UpdateCommand({
    TableName,
    // The stream shard picks the counter shard: one writer per item and window.
    Key: dailyCounterKey(sum.companyId, sum.day, shardId, sum.sortKey),
    UpdateExpression: `${adds.length ? `ADD ${adds.join(', ')} ` : ''}SET entity = :entity, #seq = :last`,
    ConditionExpression: 'attribute_not_exists(#seq) OR #seq < :first',
    ExpressionAttributeNames: names,
    ExpressionAttributeValues: values,
  });
}

/** Adds a finished window's sums to the counter items; returns how many items it wrote. */
export async function writeCounterWindow(window: CounterWindow, shardId: string): Promise<number> {
  const { first, last } = window;
  const sums = Object.values(window.sums);
  if (!first || !last || !sums.length) return 0;
  const TableName = tableName();
  let written = 0;
  for (let i = 0; i < sums.length; i += PARALLEL) {
    const done = await Promise.all(sums.slice(i, i + PARALLEL).map((sum) => conditionalWrite(documentClient().send(counterWrite(TableName, sum, shardId, first, last)))));
    written += done.filter(Boolean).length;
  }
  return written;
}
