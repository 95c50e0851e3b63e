/**
 * One payment by its key: all the callback functions need of payments. Kept apart from
 * DynamoPaymentStore so their bundles load a GetItem, not the store's writes and what those import.
 */
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { documentClient, tableName } from '../../aws/dynamodb.ts';
import type { Payment } from '../../domain/payment.ts';
import { paymentKey, withoutKeys } from './keys.ts';

/** Strongly consistent unless `consistent: false` (half the read cost). */
export async function getPayment(payNo: string, options = { consistent: true }): Promise<Payment | undefined> {
  const { Item } = await documentClient().send(new GetCommand({ TableName: tableName(), Key: paymentKey(payNo), ConsistentRead: options.consistent }));
  return Item ? withoutKeys<Payment>(Item) : undefined;
}
