/**
 * GET /v1/payments/{payNo}/notifications and POST .../notifications/resend: notifications as the API
 * returns them; and the body POSTed to the merchant's notifyUrl (the OpenAPI document's webhooks).
 */
import * as z from 'zod/mini';
import { timestamp } from './common-schemas.ts';
import { paymentResource } from './payment-schema.ts';

/** What a notification body says, by the payment status a change moved it to (docs/notifications.md). */
export const NOTIFIED_CHANGES = {
  'payment.succeeded': 'SUCCEEDED',
  'payment.closed': 'CLOSED',
  'payment.partially_refunded': 'PARTIALLY_REFUNDED',
  'payment.refunded': 'REFUNDED',
} as const;

export const notificationEnvelope = z.strictObject({
  id: z.string().check(z.describe('N + ULID: the same on every retry of this notification; deduplicate on it')),
  type: z.string().check(
    z.describe(
      "payment. and the payment's status in lower case: a status change is one of payment.succeeded, payment.closed, payment.partially_refunded, payment.refunded; a resend reports the status as it is then",
    ),
  ),
  createdAt: timestamp,
  data: paymentResource.check(z.describe('The payment exactly as GET /v1/payments/{payNo} returned it at that moment')),
});
export type NotificationEnvelope = z.output<typeof notificationEnvelope>;

export const notificationAttempt = z.strictObject({
  n: z.int().check(z.describe('1 for the first attempt')),
  at: timestamp,
  statusCode: z.optional(z.int().check(z.describe('Your endpoint\'s HTTP status; any 2xx delivers the notification'))),
  error: z.optional(z.string().check(z.describe('Why there was no answer: connection refused, timed out, address refused'))),
  latencyMs: z.int().check(z.describe('From sending to your answer (or the error)')),
});

export const notificationResource = z.strictObject({
  notificationId: z.string().check(z.describe('N + ULID; also the `id` of the body sent')),
  payNo: z.string(),
  type: z.string().check(z.describe('payment.<status>: payment.succeeded, payment.closed, payment.partially_refunded, ...')),
  url: z.string().check(z.describe('The notifyUrl it is sent to')),
  status: z.enum(['PENDING', 'DELIVERED', 'FAILED']).check(
    z.describe('PENDING: not yet answered with 2xx, retried on the schedule; DELIVERED: a 2xx came; FAILED: the schedule (about 24 h) ran out'),
  ),
  attempts: z.array(notificationAttempt),
  nextAttemptAt: z.optional(timestamp),
  createdAt: timestamp,
  updatedAt: timestamp,
});
export type NotificationResource = z.output<typeof notificationResource>;

export const notificationList = z.strictObject({ data: z.array(notificationResource) });
export type NotificationList = z.output<typeof notificationList>;
