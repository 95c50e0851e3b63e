/** Every item under one payment whose sort key starts with a prefix (events, refunds), all pages. */
import { tableName } from '../../aws/dynamodb.ts';
import { paymentKey, withoutKeys } from './keys.ts';
import { queryAll } from './query-all.ts';

export async function itemsUnderPayment<T>(payNo: string, sortKeyPrefix: string): Promise<T[]> {
  const items = await queryAll({
    TableName: tableName(),
    KeyConditionExpression: 'PK = :pk AND begins_with(SK, :prefix)',
    ExpressionAttributeValues: { ':pk': paymentKey(payNo).PK, ':prefix': sortKeyPrefix },
    ConsistentRead: true,
  });
  return items.map((i) => withoutKeys<T>(i));
}
