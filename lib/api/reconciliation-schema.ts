/** GET /v1/reports/reconciliation: the query and the reply; and the statement job's event. */
import * as z from 'zod/mini';
import { parseDay } from '../statements/china-day.ts';

const day = z
  .string()
  .check(
    // The pattern documents the shape (OpenAPI); the refinement refuses dates that do not exist.
    z.regex(/^\d{4}-\d{2}-\d{2}$/, { message: 'must be a date yyyy-mm-dd' }),
    z.refine((text) => parseDay(text) !== undefined, { message: 'must be a date yyyy-mm-dd' }),
    z.describe("The provider's statement day, yyyy-mm-dd (China Standard Time for Alipay and WeChat Pay)"),
  );
const payId = z.string().check(z.regex(/^[A-Za-z0-9_-]{1,64}$/, { message: 'must be a pay config id' }), z.describe('Only this pay config'));

export const reconciliationQuery = z.strictObject({
  day,
  payId: z.optional(payId),
  companyId: z.optional(z.string().check(z.maxLength(64), z.describe("Read this descendant company's reports instead of the caller's own"))),
});

/**
 * The job's input: a day (the previous one by default) and optionally one config, reconciled in
 * this invocation; or `fanOut` (the daily schedule's input): one statement-queue message per config.
 */
export const statementRunEvent = z.strictObject({
  day: z.optional(day),
  payId: z.optional(payId),
  fanOut: z.optional(z.boolean().check(z.describe('Queue one message per config, each reconciled in its own invocation'))),
});
/** One statement-queue message: a config's day. */
export const statementQueueMessage = z.strictObject({ day, payId });

const money = z.object({ amount: z.optional(z.int()), currency: z.string(), status: z.string(), refundedAmount: z.int() });

export const reconciliationDifference = z.object({
  kind: z.enum(['missing_locally', 'missing_at_provider', 'amount_differs', 'status_differs', 'ledger_differs']).check(
    z.describe(
      'missing_locally: paid at the provider, unknown here; missing_at_provider: paid here, not on the statement; amount_differs; status_differs; ' +
        "ledger_differs: the payment's detail lines posted another amount to the ledger than it was paid (ledger.posted)",
    ),
  ),
  payNo: z.string(),
  providerTradeNo: z.optional(z.string()),
  provider: z.optional(z.extend(money, { at: z.string() }).check(z.describe("The statement's view: SUCCEEDED or REFUNDED, minor units"))),
  local: z.optional(z.extend(money, { amount: z.int(), paidAt: z.optional(z.string()) }).check(z.describe("payee's view of the payment"))),
  ledger: z.optional(z.object({ posted: z.int() }).check(z.describe("ledger_differs: what the payment's detail lines posted (post flows, refunds aside)"))),
});

export const reconciliationReport = z.object({
  payId: z.string(),
  channel: z.string(),
  day: z.string(),
  checkedAt: z.string(),
  statementLines: z.int().check(z.describe('Payments on the statement')),
  localPayments: z.int().check(z.describe('Payments paid that day here')),
  ledger: z.optional(
    z
      .object({
        payments: z.int().check(z.describe('Paid payments of the day whose detail lines post to the ledger')),
        paid: z.int().check(z.describe('Their amounts, minor units')),
        posted: z.int().check(z.describe('What their detail lines posted to the ledger')),
        statement: z.int().check(z.describe('What the statement says they were paid')),
      })
      .check(z.describe('The daily ledger proof: paid, posted and statement agree when the day has no ledger_differs, amount_differs or missing_at_provider of these payments')),
  ),
  differences: z.array(reconciliationDifference),
});

export const reconciliationList = z.object({
  day: z.string(),
  data: z.array(reconciliationReport).check(z.describe('One report per pay config reconciled that day; none before the job has run')),
});
export type ReconciliationList = z.output<typeof reconciliationList>;
