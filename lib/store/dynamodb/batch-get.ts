/**
 * Items by key in as few round trips as DynamoDB allows (BatchGetItem, 100 keys a call), in the
 * order of the keys asked for, missing ones left out. GSI1 projects keys only (issue 17: an index
 * entry is then written when its keys change, not at every write of the item), so its readers
 * fetch the items themselves through this.
 */
import { BatchGetCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { documentClient } from '../../aws/dynamodb.ts';

const BATCH = 100;
const RETRIES = 8;

export type ItemKey = { PK: string; SK: string };

export async function batchGet(
  TableName: string,
  keys: ItemKey[],
  options: { consistent?: boolean; client?: DynamoDBDocumentClient } = {},
): Promise<Record<string, any>[]> {
  const client = options.client ?? documentClient();
  const found = new Map<string, Record<string, any>>();
  const id = (k: { PK: unknown; SK: unknown }) => `${k.PK}\u0000${k.SK}`;
  for (let start = 0; start < keys.length; start += BATCH) {
    let pending: ItemKey[] = keys.slice(start, start + BATCH).map(({ PK, SK }) => ({ PK, SK }));
    for (let attempt = 0; pending.length > 0; attempt++) {
      if (attempt > RETRIES) throw new Error(`BatchGetItem left ${pending.length} keys unprocessed`);
      // Unprocessed keys mean throttling: back off before asking again.
      if (attempt > 0) await new Promise((r) => setTimeout(r, 25 * 2 ** attempt));
      const { Responses, UnprocessedKeys } = await client.send(
        new BatchGetCommand({ RequestItems: { [TableName]: { Keys: pending, ConsistentRead: options.consistent } } }),
      );
      for (const item of Responses?.[TableName] ?? []) found.set(id(item as ItemKey), item);
      pending = (UnprocessedKeys?.[TableName]?.Keys ?? []) as ItemKey[];
    }
  }
  return keys.flatMap((k) => found.get(id(k)) ?? []);
}
