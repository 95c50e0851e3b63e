/** A payment group (seed table od_group) as the domain knows it: the group item and its members. */
import type { PaymentAction } from '../channels/channel.ts';
import type { CreatePaymentBody } from '../api/create-payment-schema.ts';
import type { GroupMode, GroupStatus } from '../api/group-schema.ts';

/** The group statuses the merchant is told of, once each, as `group.<status>`: the group's end states. */
export const GROUP_NOTIFIED = ['paid', 'closed'] as const satisfies readonly GroupStatus[];

export interface Group {
  groupNo: string;
  companyId: string;
  companyPath?: string[];
  mode: GroupMode;
  /** combined: every member's method; batch: the default the request gave, if any. */
  method?: string;
  notifyUrl?: string;
  metadata?: Record<string, string>;
  memberCount: number;
  /** As of the last member change settled (settle-group.ts); reads derive it afresh. */
  status: GroupStatus;
  /** combined: what the buyer is shown to pay every member at once. */
  action?: PaymentAction;
  createdAt: string;
  updatedAt: string;
}

/**
 * One member under its group (`GRP#<groupNo>` / `PAY#<payNo>`): the payNo assigned at the group's
 * create and the payment create it stands for, so a retry creates exactly that payment.
 */
export interface GroupMemberItem {
  groupNo: string;
  payNo: string;
  index: number;
  outTradeNo: string;
  body: CreatePaymentBody;
}

/** The Idempotency-Key of a group create, kept beside (not shared with) the payments' claims. */
export interface GroupClaim {
  companyId: string;
  key: string;
  bodyHash: string;
  groupNo: string;
}
