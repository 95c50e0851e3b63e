/**
 * Payment groups (seed table od_group, issue 13): POST /v1/groups and what the group endpoints
 * answer. A member takes the fields of a payment create (the same zod fields, so the same rules);
 * fields every member shares are given once, on the group.
 */
import * as z from 'zod/mini';
import { GROUP_NOTIFIED } from '../domain/group.ts';
import { PAYMENT_STATUSES } from '../domain/status-machine.ts';
import { COMBINED_LIMITS, combinedProblem } from '../groups/combined-limits.ts';
import { currency, text, timestamp } from './common-schemas.ts';
import { createPaymentBody } from './create-payment-schema.ts';
import { detailsSumProblem } from './details-schema.ts';
import { pageQuery } from './page-schema.ts';
import { paymentResource } from './payment-schema.ts';

export const GROUP_MODES = ['batch', 'combined'] as const;
export type GroupMode = (typeof GROUP_MODES)[number];
/** Derived from the members (lib/groups/group-status.ts). */
export const GROUP_STATUSES = ['open', 'paid', 'partially_paid', 'closed', 'mixed'] as const;
export type GroupStatus = (typeof GROUP_STATUSES)[number];
export const MAX_GROUP_MEMBERS = 50;

const payment = createPaymentBody.shape;

export const groupMember = z.strictObject({
  method: z.optional(payment.method.check(z.describe("This member's method (batch only); defaults to the group's method"))),
  outTradeNo: payment.outTradeNo,
  subject: payment.subject,
  amount: payment.amount,
  orderAmount: payment.orderAmount,
  currency,
  payId: z.optional(text(64, "This member's pay config (batch only; a sub-merchant's config, say); defaults to the group's")),
  metadata: payment.metadata,
  details: payment.details,
});
export type GroupMember = z.output<typeof groupMember>;

export const createGroupBody = z
  .strictObject({
    mode: z.enum(GROUP_MODES).check(
      z.describe(
        'batch: independent payments created in one call; combined: the buyer pays every member in one step at the provider ' +
          `(${Object.keys(COMBINED_LIMITS).join(', ')}); UnionPay has no combined payment`,
      ),
    ),
    method: z.optional(payment.method.check(z.describe("Every member's method (required in combined mode; in batch mode, the default of members without one)"))),
    notifyUrl: payment.notifyUrl,
    returnUrl: payment.returnUrl,
    expiresIn: payment.expiresIn,
    payer: payment.payer,
    payId: payment.payId,
    scene: payment.scene,
    metadata: payment.metadata,
    members: z.array(groupMember).check(z.minLength(1), z.maxLength(MAX_GROUP_MEMBERS), z.describe(`1-${MAX_GROUP_MEMBERS} member payments`)),
  })
  .check(
    z.refine((b) => b.payId === undefined || b.scene === undefined, { message: 'give payId or scene, not both', path: ['scene'] }),
    z.superRefine((b, ctx) => {
      const issue = (path: PropertyKey[], message: string, code = 'parameter_invalid') =>
        ctx.addIssue({ code: 'custom', path, message, params: { code }, input: b });
      if (b.mode === 'combined' && b.method === undefined) {
        return issue(['method'], 'is required in combined mode: the buyer pays every member with it', 'parameter_missing');
      }
      const seen = new Map<string, number>();
      b.members.forEach((m, i) => {
        const first = seen.get(m.outTradeNo);
        if (first !== undefined) issue(['members', i, 'outTradeNo'], `repeats members.${first}.outTradeNo ${m.outTradeNo}`);
        seen.set(m.outTradeNo, i);
        if (m.method === undefined && b.method === undefined) issue(['members', i, 'method'], 'is required when the group has no method', 'parameter_missing');
        if (m.orderAmount !== undefined && m.orderAmount < m.amount) issue(['members', i, 'orderAmount'], 'must not be less than amount');
        const problem = detailsSumProblem(m.details, m.amount);
        if (problem) issue(['members', i, 'details'], problem);
      });
      if (b.mode !== 'combined' || b.method === undefined) return;
      const problem = combinedProblem(b.method, b.members.length, b.payer);
      if (problem) return issue(problem.field.split('.'), problem.message, problem.field.startsWith('payer.') ? 'parameter_missing' : 'combined_not_supported');
      b.members.forEach((m, i) => {
        if (m.method !== undefined && m.method !== b.method) issue(['members', i, 'method'], `must be the group's method ${b.method} in combined mode`);
        if (m.payId !== undefined) issue(['members', i, 'payId'], "is not taken in combined mode: one pay config (the group's) pays every member");
        if (m.currency !== b.members[0]!.currency) issue(['members', i, 'currency'], `must be ${b.members[0]!.currency} like members.0: a combined payment has one currency`);
      });
    }),
  );
export type CreateGroupBody = z.output<typeof createGroupBody>;

const memberResource = z.strictObject({
  outTradeNo: z.string(),
  payNo: z.string().check(z.describe("The member's payment number (its outTradeNo's), known when the group is created")),
  payment: z.optional(paymentResource.check(z.describe('The member payment as it is now; absent when it could not be created (see error)'))),
  error: z.optional(
    z
      .strictObject({ code: z.string(), message: z.string() })
      .check(z.describe('Why this member has no payment yet: duplicate_out_trade_no, provider_unavailable (retry the create with the same Idempotency-Key), ...')),
  ),
});

const groupFields = {
  groupNo: z.string().check(z.describe("payee's group number: G + ULID (a combined group's number at the provider)")),
  mode: z.enum(GROUP_MODES),
  status: z.enum(GROUP_STATUSES).check(
    z.describe('From the members: open (none settled), paid (all paid), partially_paid (some paid, the rest open), closed (all closed or failed), mixed (anything else)'),
  ),
  method: z.optional(z.string()),
  notifyUrl: z.optional(z.string().check(z.describe('Where group.paid and group.closed are POSTed, signed, besides the members\' own notifications'))),
  metadata: z.optional(z.record(z.string(), z.string())),
  memberCount: z.int(),
  createdAt: timestamp,
  updatedAt: timestamp,
};

export const groupResource = z.strictObject({
  ...groupFields,
  action: z.optional(paymentResource.shape.action.check(z.describe('combined: what the buyer is shown to pay every member at once'))),
  members: z.array(memberResource),
});
export type GroupResource = z.output<typeof groupResource>;

/** What payee POSTs to a group's notifyUrl (lib/groups/settle-group.ts), signed like a payment's notification. */
export const groupNotificationEnvelope = z.strictObject({
  id: z.string().check(z.describe('N + ULID: the same on every retry of this notification; deduplicate on it')),
  type: z.string().check(z.describe(`group. and the group's status: one of ${GROUP_NOTIFIED.map((s) => `group.${s}`).join(', ')}`)),
  createdAt: timestamp,
  data: groupResource.check(z.describe('The group exactly as GET /v1/groups/{groupNo} returned it at that moment')),
});
export type GroupNotificationEnvelope = z.output<typeof groupNotificationEnvelope>;

export const groupList = z.strictObject({
  data: z.array(z.strictObject(groupFields).check(z.describe('A group without its members (GET /v1/groups/{groupNo} has them); status as of its last member change'))),
  nextCursor: z.optional(z.string().check(z.describe('Present when more groups follow'))),
});
export type GroupList = z.output<typeof groupList>;

export const groupSyncResponse = z.strictObject({
  group: groupResource.check(z.describe("The group as it is now; the providers' facts are applied asynchronously by the status worker")),
  members: z.array(
    z.strictObject({
      payNo: z.string(),
      provider: z.optional(z.enum(['NOT_FOUND', ...PAYMENT_STATUSES.filter((s) => s === 'PENDING' || s === 'SUCCEEDED' || s === 'CLOSED' || s === 'REFUNDED')])),
      eventId: z.optional(z.string().check(z.describe('The event queued for the status worker, when the answer is a fact to apply'))),
      error: z.optional(z.strictObject({ code: z.string(), message: z.string() })),
    }),
  ),
});
export type GroupSyncResponse = z.output<typeof groupSyncResponse>;

export const listGroupsQuery = z.strictObject(pageQuery);
export type ListGroupsQuery = z.output<typeof listGroupsQuery>;
