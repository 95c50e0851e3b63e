/**
 * The event catalogue (issue 14, ARCHITECTURE.md §10): every state change payee publishes to the
 * PaymentEvents SNS topic, one zod schema per type. The OpenAPI document's webhooks and
 * docs/events.md are generated from these; the relay's tests hold every event it builds to them.
 */
import * as z from 'zod/mini';
import { paymentEventResource } from '../api/payment-event-schema.ts';
import { paymentResource } from '../api/payment-schema.ts';
import { refundResource } from '../api/refund-schema.ts';
import { PAYMENT_STATUSES } from '../domain/status-machine.ts';
import { timestamp } from '../api/common-schemas.ts';
import { paymentStatusType, type PayeeEvent } from './event-types.ts';

const PAYMENT_TYPES = {
  'payment.created': 'A payment was stored (its status then: PENDING with an action, or FAILED when the provider refused it at once)',
  ...Object.fromEntries(
    PAYMENT_STATUSES.filter((s) => s !== 'CREATED').map((s) => [paymentStatusType(s), `The payment's status became ${s}`]),
  ),
} as Record<string, string>;

const REFUND_TYPES: Record<string, string> = {
  'refund.created': 'A refund was stored, its amount reserved (status PENDING)',
  'refund.succeeded': 'The provider confirmed the refund',
  'refund.failed': 'The provider refused the refund; its amount is refundable again',
};

const CALLBACK_TYPES: Record<string, string> = {
  'callback.rejected': "A verified provider event the status machine refused (e.g. a close after the payment succeeded): recorded, the payment unchanged",
  'callback.amount_mismatch': "A verified provider event whose amount or currency is not the payment's: recorded, the payment unchanged; look into it",
};

/** What every event says besides its data: also the SNS message attributes subscribers filter on. */
const envelopeFields = {
  id: z.string().check(z.describe('Stable for one change: a redelivered event keeps it; deduplicate on it')),
  occurredAt: timestamp.check(z.describe('When the change was written')),
  companyId: z.string(),
  channel: z.string().check(z.describe('alipay, wechat, unionpay, paypal')),
  method: z.string().check(z.describe('e.g. alipay.qr')),
  status: z.string().check(z.describe("The payment's (payment.*, callback.*) or the refund's (refund.*) status after the change")),
  amount: z.int().check(z.describe("The payment's (or the refund's) amount in minor units")),
  currency: z.string(),
  payerRef: z.optional(
    z.string().check(z.describe("A hash of the buyer's facts given at create (openid, client IP): one buyer, one ref, the facts themselves never published; absent without them")),
  ),
};

const callbackData = z.strictObject({
  payNo: z.string(),
  event: paymentEventResource.check(z.describe('The provider event as the audit trail (GET /v1/payments/{payNo}/events) records it')),
});

const envelope = <T extends string, D extends z.ZodMiniType>(type: T, data: D) =>
  z.strictObject({ ...envelopeFields, type: z.literal(type), data });

function schemasOf<D extends z.ZodMiniType>(types: Record<string, string>, data: D) {
  return Object.fromEntries(Object.keys(types).map((type) => [type, envelope(type, data)]));
}

/** type → schema of the whole event. */
export const EVENT_SCHEMAS: Record<string, z.ZodMiniType> = {
  ...schemasOf(PAYMENT_TYPES, paymentResource),
  ...schemasOf(REFUND_TYPES, refundResource),
  ...schemasOf(CALLBACK_TYPES, callbackData),
};

/** type → one line on when it is published. */
export const EVENT_DESCRIPTIONS: Record<string, string> = { ...PAYMENT_TYPES, ...REFUND_TYPES, ...CALLBACK_TYPES };

export const EVENT_TYPES = Object.keys(EVENT_SCHEMAS);

/** Checks an event against its type's schema (the relay's tests check each kind of event it builds). */
export function checkedEvent(event: PayeeEvent): PayeeEvent {
  const schema = EVENT_SCHEMAS[event.type];
  if (!schema) throw new Error(`event type ${event.type} is not in the catalogue`);
  schema.parse(event);
  return event;
}

/** The SNS message attributes of an event, for subscribers' filter policies. */
export const ATTRIBUTE_NAMES = ['type', 'channel', 'method', 'companyId', 'status', 'amount'] as const;
