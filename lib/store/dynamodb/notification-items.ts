/**
 * The outbox item: a notification under its payment (`PAY#<payNo>` / `NTF#<notificationId>`),
 * put in the same transaction as the status change it reports. Its INSERT on the table's stream
 * is what hands it to the notifier (entity = notification is the stream filter).
 */
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { documentClient } from '../../aws/dynamodb.ts';
import type { Payment } from '../../domain/payment.ts';
import type { Refund } from '../../domain/refund.ts';
import type { PaymentStatus } from '../../domain/status-machine.ts';
import { notificationOf, type Notification } from '../../notify/notification.ts';
import { paymentKey, withoutKeys } from './keys.ts';

export const NOTIFICATION_ENTITY = 'notification';
export const notificationKey = (payNo: string, notificationId: string) => ({ PK: `PAY#${payNo}`, SK: `NTF#${notificationId}` });

export const notificationItem = (n: Notification) => ({ ...notificationKey(n.payNo, n.notificationId), entity: NOTIFICATION_ENTITY, ...n });

/** The transaction items that notify the merchant of `payment` as written at `at`: none without a notifyUrl. */
export function notificationPuts(TableName: string, payment: Payment, at: string) {
  const notification = notificationOf(payment, at);
  return notification
    ? [{ Put: { TableName, Item: notificationItem(notification), ConditionExpression: 'attribute_not_exists(PK)' } }]
    : [];
}

/**
 * The notification items of a refund settlement that moves its payment to `move.to`. That
 * transaction updates the payment in place, so the snapshot is the payment read at the version
 * the transaction requires, with the settlement's changes applied; 'stale' when it is no longer
 * at that version (the transaction would fail its condition anyway).
 */
export async function refundNotificationPuts(
  TableName: string,
  refund: Refund,
  at: string,
  move: { expected: { version: number; status: PaymentStatus }; to: PaymentStatus },
) {
  const { Item } = await documentClient().send(new GetCommand({ TableName, Key: paymentKey(refund.payNo), ConsistentRead: true }));
  const payment = Item && withoutKeys<Payment>(Item);
  if (!payment || payment.version !== move.expected.version || payment.status !== move.expected.status) return 'stale' as const;
  const after: Payment = {
    ...payment,
    status: move.to,
    refundedAmount: (payment.refundedAmount ?? 0) + refund.amount,
    version: payment.version + 1,
    updatedAt: at,
  };
  return notificationPuts(TableName, after, at);
}
