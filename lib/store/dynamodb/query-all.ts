/** Every item a Query matches, all pages: for listings that must be whole (configs, keys, children, reports). */
import { QueryCommand, type DynamoDBDocumentClient, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import { documentClient } from '../../aws/dynamodb.ts';
import { batchGet, type ItemKey } from './batch-get.ts';

export async function queryAll(input: QueryCommandInput, client: DynamoDBDocumentClient = documentClient()): Promise<Record<string, any>[]> {
  const items: Record<string, any>[] = [];
  let ExclusiveStartKey: Record<string, unknown> | undefined;
  do {
    const page = await client.send(new QueryCommand({ ...input, ExclusiveStartKey }));
    items.push(...(page.Items ?? []));
    ExclusiveStartKey = page.LastEvaluatedKey;
  } while (ExclusiveStartKey);
  // The indexes hold keys only: the items themselves are read from the table.
  return input.IndexName ? batchGet(input.TableName!, items as ItemKey[], { client }) : items;
}

/** Every item of one partition of a generic index (GSI1, GSI2). */
export function indexPartition(
  index: 'GSI1' | 'GSI2',
  TableName: string,
  partition: string,
  client?: DynamoDBDocumentClient,
): Promise<Record<string, any>[]> {
  return queryAll(
    { TableName, IndexName: index, KeyConditionExpression: `${index}PK = :pk`, ExpressionAttributeValues: { ':pk': partition } },
    client,
  );
}
