/**
 * The outbox of a payment moved by a provider event (issue 17): its notification is derived from
 * the payment's own record on the table's stream, not put in the move's transaction, so the move
 * is one UpdateItem. The notify relay puts it here, once however often the record is retried (its
 * id is the move's: lib/notify/notification.ts); the item's INSERT then reaches the notify queue as
 * every notification's does.
 */
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { documentClient, tableName } from '../../aws/dynamodb.ts';
import type { Payment } from '../../domain/payment.ts';
import { moveNotificationId, notificationOf } from '../../notify/notification.ts';
import { notificationItem } from './notification-items.ts';
import { conditionalWrite } from './transactions.ts';

/** A payment's stream record before and after: a move by a provider event is a new `lastEvent`. */
export const movedByEvent = (before: Payment | undefined, after: Payment) => !!after.lastEvent && after.lastEvent.id !== before?.lastEvent?.id;

/** Puts the notification of `payment`'s move (none without a notifyUrl); false when it was there. */
export async function putMoveNotification(payment: Payment): Promise<boolean> {
  const notification = notificationOf(payment, payment.updatedAt, moveNotificationId(payment));
  if (!notification) return false;
  return conditionalWrite(
    documentClient().send(new PutCommand({ TableName: tableName(), Item: notificationItem(notification), ConditionExpression: 'attribute_not_exists(PK)' })),
  );
}
