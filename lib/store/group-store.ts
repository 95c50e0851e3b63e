/** The port the group services need from storage; `dynamodb/group-store.ts` implements it. */
import type { Group, GroupClaim, GroupMemberItem } from '../domain/group.ts';
import type { Notification } from '../notify/notification.ts';

export interface GroupPage {
  groups: Group[];
  nextCursor?: string;
}

export interface GroupStore {
  /** One transaction: the claim (when given), the group and its member items; the claim already there when the key is taken. */
  insert(group: Group, members: GroupMemberItem[], claim?: GroupClaim): Promise<{ ok: true } | { ok: false; claim: GroupClaim }>;
  /** The group and its members in index order (strongly consistent); undefined when absent. */
  get(groupNo: string): Promise<{ group: Group; members: GroupMemberItem[] } | undefined>;
  /** A company's groups, newest first. */
  list(companyId: string, page: { limit: number; cursor?: string }): Promise<GroupPage>;
  /** Record the status derived last and, for a combined group, the buyer's action. */
  update(groupNo: string, change: { status?: Group['status']; action?: Group['action']; updatedAt: string }): Promise<void>;
  /** Put the group's notification of `type` unless one was put before: false then (exactly once per group and type). */
  notifyOnce(groupNo: string, type: string, notification: Notification | undefined): Promise<boolean>;
}
