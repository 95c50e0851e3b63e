/** A group as the API shows it: its members' payments read now and its status derived from them. */
import type { GroupResource } from '../api/group-schema.ts';
import { NotFound } from '../domain/errors.ts';
import type { Group, GroupMemberItem } from '../domain/group.ts';
import type { Payment } from '../domain/payment.ts';
import { toResource } from '../payments/payment-resource.ts';
import { canSee } from '../payments/visibility.ts';
import type { GroupStore } from '../store/group-store.ts';
import type { PaymentStore } from '../store/payment-store.ts';
import { groupStatus } from './group-status.ts';

export const GROUP_NO_PATTERN = /^G[0-9A-HJKMNP-TV-Z]{26}$/;

export interface GroupReadDeps {
  groups: GroupStore;
  payments: Pick<PaymentStore, 'getMany'>;
}

export interface LoadedGroup {
  group: Group;
  members: GroupMemberItem[];
  /** The members' payments by payNo; a member whose payment could not be created is absent. */
  payments: Map<string, Payment>;
}

/** The group and its members' payments, read consistently; undefined when there is no such group. */
export async function loadGroup(deps: GroupReadDeps, groupNo: string): Promise<LoadedGroup | undefined> {
  const found = await deps.groups.get(groupNo);
  if (!found) return undefined;
  const payments = await deps.payments.getMany(found.members.map((m) => m.payNo));
  // A member's payNo is its outTradeNo's (payNoOf): where that outTradeNo was taken before the
  // group, the payment of that number is another's, and the member has none.
  for (const [payNo, payment] of payments) if (payment.groupNo !== groupNo) payments.delete(payNo);
  return { ...found, payments };
}

/** A group the caller may see (its company or an ancestor's), else NotFound naming groupNo. */
export async function groupOfCompany(deps: GroupReadDeps, companyId: string, groupNo: string): Promise<LoadedGroup> {
  const loaded = GROUP_NO_PATTERN.test(groupNo) ? await loadGroup(deps, groupNo) : undefined;
  if (!loaded || !canSee(companyId, loaded.group)) throw new NotFound('group', 'groupNo');
  return loaded;
}

export const statusOf = ({ members, payments }: Pick<LoadedGroup, 'members' | 'payments'>) => groupStatus(members.map((m) => payments.get(m.payNo)?.status));

/** `errors`: why a member has no payment, by payNo, when the caller knows (the create that just ran). */
export function toGroupResource(loaded: LoadedGroup, errors: Map<string, { code: string; message: string }> = new Map()): GroupResource {
  const { group, members, payments } = loaded;
  return {
    groupNo: group.groupNo,
    mode: group.mode,
    status: statusOf(loaded),
    method: group.method,
    notifyUrl: group.notifyUrl,
    metadata: group.metadata,
    memberCount: group.memberCount,
    createdAt: group.createdAt,
    updatedAt: group.updatedAt,
    action: group.action,
    members: members.map((m) => {
      const payment = payments.get(m.payNo);
      const error = errors.get(m.payNo) ?? (payment ? undefined : { code: 'payment_not_created', message: 'No payment was created for this member; retry the group create with its Idempotency-Key' });
      return { outTradeNo: m.outTradeNo, payNo: m.payNo, ...(payment ? { payment: toResource(payment) } : {}), ...(error ? { error } : {}) };
    }),
  };
}

/** A group in a list: without its members, its status as last settled. */
export function toGroupSummary(group: Group) {
  const { groupNo, mode, status, method, notifyUrl, metadata, memberCount, createdAt, updatedAt } = group;
  return { groupNo, mode, status, method, notifyUrl, metadata, memberCount, createdAt, updatedAt };
}
