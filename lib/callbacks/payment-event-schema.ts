/**
 * The queue message: a PaymentEvent, or a RefundEvent (`kind: "refund"`), validated again on the
 * way out (a poison message fails here). A message without `kind` is a payment event, as every
 * message was before refunds were queued.
 */
import * as z from 'zod/mini';
import type { PaymentEvent, RefundEvent } from '../channels/channel.ts';

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

const refundEvent = z.strictObject({
  kind: z.literal('refund'),
  eventId: z.string().check(z.minLength(1), z.maxLength(128)),
  payNo: z.string().check(z.minLength(1), z.maxLength(64)),
  refundNo: z.string().check(z.minLength(1), z.maxLength(64)),
  channel: z.string(),
  status: z.enum(['SUCCEEDED', 'FAILED']),
  providerStatus: z.string(),
  providerRefundNo: z.optional(z.string()),
  amount: z.optional(z.int()),
  currency: z.string(),
  tradeAmount: z.optional(z.int()),
  notifiedAt: z.optional(z.string()),
});

export function parsePaymentEvent(body: string): PaymentEvent {
  return paymentEvent.parse(JSON.parse(body));
}

/** What the status worker applies: one of the two kinds of event. */
export type CallbackMessage = { kind: 'payment'; event: PaymentEvent } | { kind: 'refund'; event: RefundEvent };

export function parseCallbackMessage(body: string): CallbackMessage {
  const message: unknown = JSON.parse(body);
  if (typeof message === 'object' && message !== null && 'kind' in message && message.kind === 'refund') {
    return { kind: 'refund', event: refundEvent.parse(message) };
  }
  return { kind: 'payment', event: paymentEvent.parse(message) };
}
