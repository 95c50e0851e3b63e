/**
 * The account ledger's API (issue 13: acc_info, acc_flow): accounts, their flows and balances.
 * One zod schema each → validation, the TypeScript type, OpenAPI.
 */
import * as z from 'zod/mini';
import { currency, text, timestamp } from './common-schemas.ts';
import { pageQuery } from './page-schema.ts';

/** Hot accounts spread their balance over this many items at most (lib/ledger/keys.ts). */
export const MAX_ACCOUNT_SHARDS = 32;

export const ACCOUNT_TYPES = ['asset', 'liability'] as const;

export const createAccountBody = z
  .strictObject({
    currency,
    type: z.enum(ACCOUNT_TYPES).check(
      z.describe('liability: what payee owes its holder (a wallet), grows with credits; asset: money payee holds (a provider clearing account), grows with debits'),
    ),
    name: z.optional(text(128, 'A name for people')),
    overdraftLimit: z.optional(
      z.nullable(z.int().check(z.minimum(0), z.maximum(1_000_000_000_000))).check(
        z.describe('How far below zero the available balance may go, in minor units; 0 (the default) never below zero; null: no limit'),
      ),
    ),
    shards: z.optional(
      z.int().check(
        z.minimum(1),
        z.maximum(MAX_ACCOUNT_SHARDS),
        z.describe(`Balance items the account is spread over, 1-${MAX_ACCOUNT_SHARDS} (default 1): more for a hot account credited by every payment; more than 1 needs overdraftLimit null`),
      ),
    ),
  })
  .check(
    z.refine((b) => (b.shards ?? 1) === 1 || b.overdraftLimit === null, {
      message: 'a sharded account has no overdraft rule: give overdraftLimit null',
      path: ['shards'],
    }),
  );
export type CreateAccountBody = z.output<typeof createAccountBody>;

export const balances = z.strictObject({
  posted: z.int().check(z.describe('Posted balance in the account type\'s own sense (liability: credits - debits; asset: debits - credits)')),
  pendingIncoming: z.int().check(z.describe('Pending flows that will raise the posted balance when their payments succeed')),
  pendingOutgoing: z.int().check(z.describe('Pending flows that will lower it; already held from available')),
  available: z.int().check(z.describe('posted - pendingOutgoing: what the overdraft rule is checked against')),
  postedDebits: z.int(),
  postedCredits: z.int(),
  pendingDebits: z.int(),
  pendingCredits: z.int(),
});
export type Balances = z.output<typeof balances>;

export const accountResource = z.strictObject({
  accountId: z.string().check(z.describe('A + ULID')),
  currency: z.string(),
  type: z.enum(ACCOUNT_TYPES),
  name: z.optional(z.string()),
  overdraftLimit: z.nullable(z.int()),
  shards: z.int(),
  balance: balances,
  createdAt: timestamp,
});
export type AccountResource = z.output<typeof accountResource>;

export const listAccountsQuery = z.strictObject(pageQuery);
export const listFlowsQuery = z.strictObject(pageQuery);
export const balanceQuery = z.strictObject({
  at: z.optional(timestamp.check(z.describe('The posted balance as it was at this time; default now'))),
});

export const accountList = z.strictObject({
  data: z.array(accountResource),
  nextCursor: z.optional(z.string().check(z.describe('Present when more accounts follow'))),
});

export const FLOW_KINDS = ['pending', 'post', 'void', 'posted'] as const;

export const flowResource = z.strictObject({
  flowId: z.string().check(z.describe('Deterministic: the same posting (a payment line and its step, a refund line) always has the same id')),
  kind: z.enum(FLOW_KINDS).check(
    z.describe('pending: held at create; post: its payment succeeded; void: its payment closed; posted: moved at once (balance.transfer, a payment paid after it closed, a refund reversal)'),
  ),
  direction: z.enum(['debit', 'credit']).check(z.describe("This account's side of the flow")),
  amount: z.int(),
  currency: z.string(),
  accountOut: z.string().check(z.describe('The debited account')),
  accountRec: z.string().check(z.describe('The credited account')),
  payNo: z.string(),
  refundNo: z.optional(z.string()),
  line: z.int().check(z.describe("The payment's detail line, from 0")),
  pendingFlowId: z.optional(z.string().check(z.describe('The pending flow a post or void resolves'))),
  memo: z.optional(z.string()),
  at: timestamp,
});
export type FlowResource = z.output<typeof flowResource>;

export const flowList = z.strictObject({
  data: z.array(flowResource).check(z.describe('Newest first')),
  nextCursor: z.optional(z.string().check(z.describe('Present when more flows follow'))),
});

export const balanceResource = z.strictObject({
  accountId: z.string(),
  currency: z.string(),
  at: timestamp,
  posted: z.int().check(z.describe('The posted balance at `at`')),
});

/** PUT /v1/admin/companies/{companyId}/ledger: the company's ledger switch. */
export const ledgerSwitchBody = z.strictObject({
  enabled: z.boolean().check(z.describe("true: the company's detail lines post double-entry flows between its ledger accounts")),
});
export const ledgerSwitchResource = z.strictObject({ companyId: z.string(), enabled: z.boolean() });
