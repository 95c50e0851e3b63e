/** Replies of POST /v1/payments/{payNo}/close and /sync. */
import * as z from 'zod/mini';
import { paymentResource } from './payment-schema.ts';
import { timestamp } from './common-schemas.ts';

export const syncResponse = z.strictObject({
  payment: paymentResource.check(z.describe('The payment as it is now; the provider\'s fact is applied asynchronously by the status worker')),
  provider: z.strictObject({
    status: z.enum(['NOT_FOUND', 'PENDING', 'SUCCEEDED', 'CLOSED', 'REFUNDED']).check(z.describe('What the provider says, normalised')),
    providerStatus: z.optional(z.string().check(z.describe("The provider's own word, e.g. TRADE_SUCCESS"))),
    providerTradeNo: z.optional(z.string()),
    amount: z.optional(z.int()),
    currency: z.optional(z.string()),
    paidAt: z.optional(timestamp),
  }),
  eventId: z.optional(z.string().check(z.describe('The event queued for the status worker, when the answer is a fact to apply'))),
  refunds: z.optional(
    z
      .array(
        z.strictObject({
          refundNo: z.string(),
          outcome: z.enum(['succeeded', 'failed', 'processing', 'resubmitted', 'unavailable', 'settled']),
        }),
      )
      .check(z.describe("The payment's open refunds, asked about at the provider now, and what came of each (GET …/refunds shows them)")),
  ),
});
export type SyncResponse = z.output<typeof syncResponse>;
