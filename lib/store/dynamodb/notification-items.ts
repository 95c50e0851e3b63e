/**
 * The outbox item: a notification under its payment (`PAY#<payNo>` / `NTF#<notificationId>`),
 * put in the same transaction as the status change it reports. Its INSERT on the table's stream
 * is what hands it to the notifier (entity = notification is the stream filter).
 * The body (a payment snapshot, ~0.7 KB of JSON) is stored deflated (`bodyZ`, ~0.4 KB): the item
 * stays under 1 KB, so its put in the status change's transaction costs 2 write units, not 4, and
 * each delivery attempt recorded on it 1, not 2 (issue 17).
 */
import { deflateRawSync, inflateRawSync } from 'node:zlib';
import type { Payment } from '../../domain/payment.ts';
import type { Refund } from '../../domain/refund.ts';
import type { PaymentStatus } from '../../domain/status-machine.ts';
import { notificationOf, type Notification } from '../../notify/notification.ts';

export const NOTIFICATION_ENTITY = 'notification';
export const notificationKey = (payNo: string, notificationId: string) => ({ PK: `PAY#${payNo}`, SK: `NTF#${notificationId}` });

export function notificationItem({ body, ...n }: Notification) {
  return { ...notificationKey(n.payNo, n.notificationId), entity: NOTIFICATION_ENTITY, ...n, bodyZ: deflateRawSync(body) };
}

/** The notification an item (without its keys) holds: its body inflated, byte for byte what was signed. */
export function notificationOfItem({ bodyZ, ...n }: Omit<Notification, 'body'> & { bodyZ: Uint8Array }): Notification {
  return { ...n, body: inflateRawSync(bodyZ).toString('utf8') };
}

/** The transaction items that notify the merchant of `payment` as written at `at`: none without a notifyUrl. */
export function notificationPuts(TableName: string, payment: Payment, at: string) {
  const notification = notificationOf(payment, at);
  return notification
    ? [{ Put: { TableName, Item: notificationItem(notification), ConditionExpression: 'attribute_not_exists(PK)' } }]
    : [];
}

/**
 * The notification items of a refund settlement that moves its payment to `move.to`. That
 * transaction updates the payment in place, conditional on the version the caller read, so the
 * snapshot is that payment with the settlement's changes applied.
 */
export function refundNotificationPuts(TableName: string, refund: Refund, at: string, move: { current: Payment; to: PaymentStatus }) {
  const payment = move.current;
  const after: Payment = {
    ...payment,
    status: move.to,
    refundedAmount: (payment.refundedAmount ?? 0) + refund.amount,
    version: payment.version + 1,
    updatedAt: at,
  };
  return notificationPuts(TableName, after, at);
}
