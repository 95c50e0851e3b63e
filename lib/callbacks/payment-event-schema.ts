/** The queue message: a PaymentEvent, validated again on the way out (a poison message fails here). */
import * as z from 'zod/mini';
import type { PaymentEvent } from '../channels/channel.ts';

const paymentEvent = z.strictObject({
  eventId: z.string().check(z.minLength(1), z.maxLength(128)),
  payNo: z.string().check(z.minLength(1), z.maxLength(64)),
  channel: z.string(),
  status: z.enum(['SUCCEEDED', 'CLOSED', 'REFUNDED']),
  providerStatus: z.string(),
  providerTradeNo: z.optional(z.string()),
  amount: z.int(),
  currency: z.string(),
  paidAt: z.optional(z.string()),
  notifiedAt: z.optional(z.string()),
});

export function parsePaymentEvent(body: string): PaymentEvent {
  return paymentEvent.parse(JSON.parse(body));
}
