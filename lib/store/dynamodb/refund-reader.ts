/**
 * One refund by its key: all the callback functions need of refunds. Kept apart from
 * DynamoRefundStore so their bundles load a GetItem, not the store's writes and what those import.
 */
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { documentClient, tableName } from '../../aws/dynamodb.ts';
import type { Refund } from '../../domain/refund.ts';
import { refundKey, withoutKeys } from './keys.ts';

export async function getRefund(payNo: string, refundNo: string): Promise<Refund | undefined> {
  const { Item } = await documentClient().send(new GetCommand({ TableName: tableName(), Key: refundKey(payNo, refundNo), ConsistentRead: true }));
  return Item ? withoutKeys<Refund>(Item) : undefined;
}
