/** POST /v1/payments/{payNo}/refunds and the refund as the API returns it. */
import * as z from 'zod/mini';
import { REFUND_STATUSES } from '../domain/refund.ts';
import { minorUnits, text, timestamp } from './common-schemas.ts';

export const createRefundBody = z.strictObject({
  amount: minorUnits("What to refund now, in integer minor units of the payment's currency; at most its refundableAmount"),
  reason: z.optional(text(256, 'Why, shown to the buyer where the provider shows it')),
});
export type CreateRefundBody = z.output<typeof createRefundBody>;

export const refundResource = z.strictObject({
  refundNo: z.string().check(z.describe("payee's refund number: R + ULID; the provider's refund request number")),
  payNo: z.string(),
  status: z.enum(REFUND_STATUSES).check(
    z.describe('PENDING: the provider did not answer (retry with the same Idempotency-Key); PROCESSING: accepted, outcome later; SUCCEEDED; FAILED: refused, amount given back'),
  ),
  amount: z.int(),
  currency: z.string(),
  reason: z.optional(z.string()),
  providerRefundNo: z.optional(z.string()),
  failure: z.optional(
    z.strictObject({
      code: z.string().check(
        z.describe(
          "Why it FAILED: the provider's refusal code, or payee's own: currency_not_supported, not_paid (UnionPay has no paid order), " +
            'not_captured (PayPal has no completed capture), transfer_not_refundable (a balance.transfer is undone by a transfer back)',
        ),
      ),
      message: z.string(),
    }),
  ),
  createdAt: timestamp,
  updatedAt: timestamp,
});
export type RefundResource = z.output<typeof refundResource>;

export const refundList = z.strictObject({ data: z.array(refundResource) });
