/**
 * GroupStore on the single table (ARCHITECTURE.md §4): the group `GRP#<groupNo>` / `GRP`, listed by
 * company through GSI2 (`GRPS#<co>` / `<createdAt>#<groupNo>`); its members `GRP#<groupNo>` /
 * `PAY#<payNo>`; the create's Idempotency-Key `IDEM#<co>#<key>` / `GRP` (beside a payment's claim
 * of the same key, never in its way); each group notification sent `GRP#<groupNo>` / `NOTIFIED#<type>`.
 */
import { QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { documentClient, tableName } from '../../aws/dynamodb.ts';
import { InvalidRequest } from '../../domain/errors.ts';
import type { Group, GroupClaim, GroupMemberItem } from '../../domain/group.ts';
import type { Notification } from '../../notify/notification.ts';
import type { GroupPage, GroupStore } from '../group-store.ts';
import { IDEMPOTENCY_TTL_SECONDS } from './idempotency-claim.ts';
import { batchGet, type ItemKey } from './batch-get.ts';
import { idempotencyKey, withoutKeys } from './keys.ts';
import { notificationItem } from './notification-items.ts';
import { queryAll } from './query-all.ts';
import { transactWrite } from './transactions.ts';

const groupPk = (groupNo: string) => `GRP#${groupNo}`;
const groupKey = (groupNo: string) => ({ PK: groupPk(groupNo), SK: 'GRP' });
const memberKey = (groupNo: string, payNo: string) => ({ PK: groupPk(groupNo), SK: `PAY#${payNo}` });
const notifiedKey = (groupNo: string, type: string) => ({ PK: groupPk(groupNo), SK: `NOTIFIED#${type}` });
const groupClaimKey = (companyId: string, key: string) => ({ ...idempotencyKey(companyId, key), SK: 'GRP' });
const companyGroupsIndex = (g: Group) => ({ GSI2PK: `GRPS#${g.companyId}`, GSI2SK: `${g.createdAt}#${g.groupNo}` });

export class DynamoGroupStore implements GroupStore {
  async insert(group: Group, members: GroupMemberItem[], claim?: GroupClaim) {
    const TableName = tableName();
    const result = await transactWrite({
      TransactItems: [
        ...(claim
          ? [
              {
                Put: {
                  TableName,
                  Item: { ...groupClaimKey(claim.companyId, claim.key), entity: 'groupIdempotency', ...claim, ttl: Math.floor(Date.parse(group.createdAt) / 1000) + IDEMPOTENCY_TTL_SECONDS },
                  ConditionExpression: 'attribute_not_exists(PK)',
                  ReturnValuesOnConditionCheckFailure: 'ALL_OLD' as const,
                },
              },
            ]
          : []),
        { Put: { TableName, Item: { ...groupKey(group.groupNo), entity: 'group', ...companyGroupsIndex(group), ...group }, ConditionExpression: 'attribute_not_exists(PK)' } },
        ...members.map((m) => ({ Put: { TableName, Item: { ...memberKey(m.groupNo, m.payNo), entity: 'groupMember', ...m } } })),
      ],
    });
    if (result.ok) return { ok: true } as const;
    // Only the claim can fail: the group number is new.
    return { ok: false, claim: withoutKeys<GroupClaim>(result.failed[0]!) } as const;
  }

  async get(groupNo: string) {
    const items = await queryAll({
      TableName: tableName(),
      KeyConditionExpression: 'PK = :pk',
      ExpressionAttributeValues: { ':pk': groupPk(groupNo) },
      ConsistentRead: true,
    });
    const group = items.find((i) => i.SK === 'GRP');
    if (!group) return undefined;
    const members = items.filter((i) => String(i.SK).startsWith('PAY#')).map((i) => withoutKeys<GroupMemberItem>(i));
    return { group: withoutKeys<Group>(group), members: members.sort((a, b) => a.index - b.index) };
  }

  async list(companyId: string, page: { limit: number; cursor?: string }): Promise<GroupPage> {
    const { Items = [], LastEvaluatedKey } = await documentClient().send(
      new QueryCommand({
        TableName: tableName(),
        IndexName: 'GSI2',
        KeyConditionExpression: 'GSI2PK = :pk',
        ExpressionAttributeValues: { ':pk': `GRPS#${companyId}` },
        ScanIndexForward: false,
        Limit: page.limit,
        ExclusiveStartKey: page.cursor ? decodeCursor(page.cursor, companyId) : undefined,
      }),
    );
    return {
      groups: (await batchGet(tableName(), Items as ItemKey[])).map((i) => withoutKeys<Group>(i)),
      ...(LastEvaluatedKey ? { nextCursor: Buffer.from(JSON.stringify(LastEvaluatedKey)).toString('base64url') } : {}),
    };
  }

  async update(groupNo: string, change: { status?: Group['status']; action?: Group['action']; updatedAt: string }) {
    const set = Object.entries(change).filter(([, v]) => v !== undefined);
    await documentClient().send(
      new UpdateCommand({
        TableName: tableName(),
        Key: groupKey(groupNo),
        UpdateExpression: `SET ${set.map(([k]) => `#${k} = :${k}`).join(', ')}`,
        ConditionExpression: 'attribute_exists(PK)',
        ExpressionAttributeNames: Object.fromEntries(set.map(([k]) => [`#${k}`, k])),
        ExpressionAttributeValues: Object.fromEntries(set.map(([k, v]) => [`:${k}`, v])),
      }),
    );
  }

  async notifyOnce(groupNo: string, type: string, notification: Notification | undefined) {
    const TableName = tableName();
    const result = await transactWrite({
      TransactItems: [
        { Put: { TableName, Item: { ...notifiedKey(groupNo, type), entity: 'groupNotified', notificationId: notification?.notificationId ?? null }, ConditionExpression: 'attribute_not_exists(PK)' } },
        ...(notification ? [{ Put: { TableName, Item: notificationItem(notification), ConditionExpression: 'attribute_not_exists(PK)' } }] : []),
      ],
    });
    return result.ok;
  }
}

/** A cursor this API returned for this company: the last key of the previous page. */
function decodeCursor(cursor: string, companyId: string): Record<string, unknown> {
  try {
    const key = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (key && typeof key === 'object' && key.GSI2PK === `GRPS#${companyId}` && typeof key.PK === 'string' && key.PK.startsWith('GRP#')) return key;
  } catch {
    // answered below
  }
  throw new InvalidRequest('parameter_invalid', 'cursor is not a cursor this API returned', 'cursor');
}
