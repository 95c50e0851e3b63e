/**
 * After one of its members changed (the status worker applied an event, or the group was closed):
 * derive the group's status again, tell the merchant group.paid or group.closed exactly once
 * (a guard item in the notification's own transaction), and keep the derived status on the group
 * for listings. Every reader derives it afresh, so two members settling at once both end right:
 * each reads after its own write, and the later read sees both.
 */
import type { GroupNotificationEnvelope, GroupStatus } from '../api/group-schema.ts';
import { GROUP_NOTIFIED } from '../domain/group.ts';
import { newNotificationId, type Notification } from '../notify/notification.ts';
import { loadGroup, statusOf, toGroupResource, type GroupReadDeps, type LoadedGroup } from './read-group.ts';

const NOTIFIED: ReadonlySet<GroupStatus> = new Set(GROUP_NOTIFIED);

export async function settleGroup(deps: GroupReadDeps & { now: () => Date }, groupNo: string): Promise<GroupStatus | undefined> {
  const loaded = await loadGroup(deps, groupNo);
  if (!loaded) return undefined;
  const status = statusOf(loaded);
  const at = deps.now().toISOString();
  if (NOTIFIED.has(status)) await deps.groups.notifyOnce(groupNo, `group.${status}`, groupNotification(loaded, `group.${status}`, at));
  if (status !== loaded.group.status) await deps.groups.update(groupNo, { status, updatedAt: at });
  return status;
}

/** The notification of `type` with the group as it is now, POSTed to the group's notifyUrl; none without one. */
export function groupNotification(loaded: LoadedGroup, type: string, at: string): Notification | undefined {
  const { group } = loaded;
  if (!group.notifyUrl) return undefined;
  const notificationId = newNotificationId();
  const envelope: GroupNotificationEnvelope = { id: notificationId, type, createdAt: at, data: toGroupResource(loaded) };
  return {
    notificationId,
    // The outbox item lives under the group's number: the relay and notifier read it like a payment's.
    payNo: group.groupNo,
    companyId: group.companyId,
    type,
    url: group.notifyUrl,
    body: JSON.stringify(envelope),
    status: 'PENDING',
    attempts: [],
    nextAttemptAt: at,
    createdAt: at,
    updatedAt: at,
  };
}
