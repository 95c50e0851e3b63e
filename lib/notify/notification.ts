/**
 * A merchant notification (ARCHITECTURE.md §5 flow 4): the exact JSON body to POST to the
 * payment's notifyUrl, written from the status change it reports (an outbox: in its transaction,
 * or from its record on the table's stream), and every attempt to deliver it.
 */
import { createHash } from 'node:crypto';
import { ulid } from 'ulid';
import type { NotificationEnvelope } from '../api/notification-schema.ts';
import type { Payment } from '../domain/payment.ts';
import { toResource } from '../payments/payment-resource.ts';

export type NotificationStatus = 'PENDING' | 'DELIVERED' | 'FAILED';

export interface NotificationAttempt {
  /** 1 for the first attempt. */
  n: number;
  at: string;
  /** The merchant's HTTP status, when it answered. */
  statusCode?: number;
  /** Why there was no answer: refused connection, timeout, refused address... */
  error?: string;
  latencyMs: number;
}

export interface Notification {
  /** `N` + ULID: listed in the order they were written. */
  notificationId: string;
  payNo: string;
  companyId: string;
  /** `payment.<status>`, e.g. payment.succeeded. */
  type: string;
  url: string;
  /** The JSON sent, byte for byte what is signed: the same on every attempt. */
  body: string;
  status: NotificationStatus;
  attempts: NotificationAttempt[];
  /** When the next attempt is due (PENDING only). */
  nextAttemptAt?: string;
  createdAt: string;
  updatedAt: string;
}


export const newNotificationId = (): string => `N${ulid()}`;

/**
 * The id of the notification of a payment's move, the same however often it is derived (a stream
 * record retried): a ULID of the move's time, its random part drawn from the payment and version.
 */
export function moveNotificationId(payment: Pick<Payment, 'payNo' | 'version' | 'updatedAt'>): string {
  const digest = createHash('sha256').update(`${payment.payNo}#${payment.version}`).digest();
  let i = 0;
  return `N${ulid(Date.parse(payment.updatedAt), () => digest[i++ % digest.length]! / 256)}`;
}

/** The event type of a payment in `status`: payment.succeeded, payment.partially_refunded, ... */
export const notificationType = (status: Payment['status']): string => `payment.${status.toLowerCase()}`;

/**
 * The notification reporting `payment` as it is at `at` (a snapshot of GET /v1/payments/{payNo});
 * undefined when the payment has no notifyUrl.
 */
export function notificationOf(payment: Payment, at: string, notificationId = newNotificationId()): Notification | undefined {
  if (!payment.notifyUrl) return undefined;
  const type = notificationType(payment.status);
  const envelope: NotificationEnvelope = { id: notificationId, type, createdAt: at, data: toResource(payment) };
  return {
    notificationId,
    payNo: payment.payNo,
    companyId: payment.companyId,
    type,
    url: payment.notifyUrl,
    body: JSON.stringify(envelope),
    status: 'PENDING',
    attempts: [],
    nextAttemptAt: at,
    createdAt: at,
    updatedAt: at,
  };
}
