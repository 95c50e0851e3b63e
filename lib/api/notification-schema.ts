/** GET /v1/payments/{payNo}/notifications and POST .../notifications/resend: notifications as the API returns them. */
import * as z from 'zod/mini';
import { timestamp } from './common-schemas.ts';

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
