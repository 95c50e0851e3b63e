/** GET /v1/payments/{payNo}/events: the audit trail as the API shows it. */
import * as z from 'zod/mini';
import { PAYMENT_STATUSES } from '../domain/status-machine.ts';
import { timestamp } from './common-schemas.ts';

export const paymentEventResource = z.strictObject({
  eventId: z.string().check(z.describe("Deterministic per provider notification: a retried notification keeps it")),
  channel: z.string(),
  providerStatus: z.string().check(z.describe("The provider's own word, e.g. TRADE_SUCCESS")),
  status: z.enum(PAYMENT_STATUSES).check(z.describe('What the provider says the payment is')),
  outcome: z.enum(['applied', 'ignored']),
  fromStatus: z.enum(PAYMENT_STATUSES),
  toStatus: z.optional(z.enum(PAYMENT_STATUSES)),
  reason: z.optional(z.string().check(z.describe('Why an ignored event did not move the payment'))),
  amount: z.int(),
  currency: z.string(),
  providerTradeNo: z.optional(z.string()),
  paidAt: z.optional(timestamp),
  notifiedAt: z.optional(timestamp),
  recordedAt: timestamp,
});
export type PaymentEventResource = z.output<typeof paymentEventResource>;

export const paymentEventList = z.strictObject({ data: z.array(paymentEventResource) });
