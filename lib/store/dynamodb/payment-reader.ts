/**
 * Payments by key: all the callback functions and the events relay need of payments. Kept apart
 * from DynamoPaymentStore so their bundles load a read, not the store's writes and what those import.
 */
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { batchGet } from './batch-get.ts';
import { documentClient, tableName } from '../../aws/dynamodb.ts';
import type { Payment } from '../../domain/payment.ts';
import { paymentKey, withoutKeys } from './keys.ts';

/** Strongly consistent unless `consistent: false` (half the read cost). */
export async function getPayment(payNo: string, options = { consistent: true }): Promise<Payment | undefined> {
  const { Item } = await documentClient().send(new GetCommand({ TableName: tableName(), Key: paymentKey(payNo), ConsistentRead: options.consistent }));
  return Item ? withoutKeys<Payment>(Item) : undefined;
}

/** Several payments (strongly consistent), by payNo; missing ones are absent from the map. */
export async function getPayments(payNos: string[]): Promise<Map<string, Payment>> {
  const items = await batchGet(tableName(), [...new Set(payNos)].map(paymentKey), { consistent: true });
  return new Map(items.map((i) => [i.payNo as string, withoutKeys<Payment>(i)]));
}
