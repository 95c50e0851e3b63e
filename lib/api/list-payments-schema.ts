/** GET /v1/payments: the query string. */
import * as z from 'zod/mini';
import { text, timestamp } from './common-schemas.ts';
import { pageQuery } from './page-schema.ts';

export const listPaymentsQuery = z.strictObject({
  companyId: z.optional(text(64, "List this descendant company's payments instead of the caller's own")),
  outTradeNo: z.optional(text(64, "Find the payment for this merchant order number")),
  ...pageQuery,
  createdFrom: z.optional(timestamp.check(z.describe('Oldest creation time to list, at most 366 days before createdTo; default 366 days before createdTo'))),
  createdTo: z.optional(timestamp.check(z.describe('Newest creation time to list (exclusive); default now'))),
});
export type ListPaymentsQuery = z.output<typeof listPaymentsQuery>;

