/** GET /v1/payments: the query string. */
import * as z from 'zod/mini';
import { text, timestamp } from './common-schemas.ts';

export const LIST_LIMIT = { max: 100, default: 20 } as const;

export const listPaymentsQuery = z.strictObject({
  companyId: z.optional(text(64, "List this descendant company's payments instead of the caller's own")),
  outTradeNo: z.optional(text(64, "Find the payment for this merchant order number")),
  limit: z.optional(
    z
      .string()
      .check(z.regex(/^\d{1,3}$/, { message: `must be an integer from 1 to ${LIST_LIMIT.max}` }),
        z.refine((s) => Number(s) >= 1 && Number(s) <= LIST_LIMIT.max, { message: `must be an integer from 1 to ${LIST_LIMIT.max}` }),
        z.describe(`Page size, 1-${LIST_LIMIT.max}, default ${LIST_LIMIT.default}`)),
  ),
  cursor: z.optional(text(512, 'The nextCursor of the previous page')),
  createdFrom: z.optional(timestamp.check(z.describe('Oldest creation time to list, at most 366 days before createdTo; default 366 days before createdTo'))),
  createdTo: z.optional(timestamp.check(z.describe('Newest creation time to list (exclusive); default now'))),
});
export type ListPaymentsQuery = z.output<typeof listPaymentsQuery>;

