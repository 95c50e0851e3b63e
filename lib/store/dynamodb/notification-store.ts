/** NotificationStore on the single table: notifications live under their payment. */
import { GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { documentClient, tableName } from '../../aws/dynamodb.ts';
import type { Notification, NotificationAttempt, NotificationStatus } from '../../notify/notification.ts';
import type { NotificationStore } from '../notification-store.ts';
import { TtlCache } from '../ttl-cache.ts';
import { DynamoCompanyStore } from './company-store.ts';
import { itemsUnderPayment } from './items-under.ts';
import { withoutKeys } from './keys.ts';
import { notificationItem, notificationKey, notificationOfItem } from './notification-items.ts';
import { conditionalWrite } from './transactions.ts';

/**
 * Opened notify secrets: a company's notifications are signed without a read (or a KMS Decrypt)
 * each, and a rotated secret is used by every container within a minute.
 */
const secrets = new TtlCache<string | undefined>(60_000);
const companies = new DynamoCompanyStore();

export class DynamoNotificationStore implements NotificationStore {
  async insert(notification: Notification) {
    await documentClient().send(
      new PutCommand({ TableName: tableName(), Item: notificationItem(notification), ConditionExpression: 'attribute_not_exists(PK)' }),
    );
  }

  async get(payNo: string, notificationId: string) {
    const { Item } = await documentClient().send(
      new GetCommand({ TableName: tableName(), Key: notificationKey(payNo, notificationId), ConsistentRead: true }),
    );
    return Item ? notificationOfItem(withoutKeys(Item)) : undefined;
  }

  /** ULIDs sort by time: oldest first. */
  async list(payNo: string) {
    return (await itemsUnderPayment<Parameters<typeof notificationOfItem>[0]>(payNo, 'NTF#')).map(notificationOfItem);
  }

  recordAttempt(notification: Notification, attempt: NotificationAttempt, next: { status: NotificationStatus; nextAttemptAt?: string }) {
    return conditionalWrite(
      documentClient().send(
        new UpdateCommand({
          TableName: tableName(),
          Key: notificationKey(notification.payNo, notification.notificationId),
          UpdateExpression: `SET attempts = list_append(attempts, :attempt), #s = :status, updatedAt = :at ${
            next.nextAttemptAt ? ', nextAttemptAt = :next' : 'REMOVE nextAttemptAt'
          }`,
          ConditionExpression: '#s = :pending AND size(attempts) = :count',
          ExpressionAttributeNames: { '#s': 'status' },
          ExpressionAttributeValues: {
            ':attempt': [attempt],
            ':status': next.status,
            ':at': attempt.at,
            ':pending': 'PENDING',
            ':count': notification.attempts.length,
            ...(next.nextAttemptAt ? { ':next': next.nextAttemptAt } : {}),
          },
        }),
      ),
    );
  }

  notifySecret(companyId: string) {
    return secrets.get(companyId, () => companies.openNotifySecret(companyId));
  }
}
