/**
 * GET /v1/payments/{payNo}/notifications and POST .../notifications/resend: a merchant sees every
 * notification and attempt of its payment, and asks for the payment as it is now to be sent again.
 */
import type { NotificationList, NotificationResource } from '../api/notification-schema.ts';
import { Conflict } from '../domain/errors.ts';
import { paymentOfCompany } from '../payments/visibility.ts';
import type { NotificationStore } from '../store/notification-store.ts';
import type { PaymentStore } from '../store/payment-store.ts';
import { notificationOf, type Notification } from './notification.ts';

export interface NotificationsDeps {
  payments: PaymentStore;
  notifications: NotificationStore;
  now: () => Date;
}

export function toNotificationResource(n: Notification): NotificationResource {
  return {
    notificationId: n.notificationId,
    payNo: n.payNo,
    type: n.type,
    url: n.url,
    status: n.status,
    attempts: n.attempts.map((a) => ({ n: a.n, at: a.at, statusCode: a.statusCode, error: a.error, latencyMs: a.latencyMs })),
    nextAttemptAt: n.nextAttemptAt,
    createdAt: n.createdAt,
    updatedAt: n.updatedAt,
  };
}

export async function listNotifications(deps: NotificationsDeps, companyId: string, payNo: string): Promise<NotificationList> {
  const payment = await paymentOfCompany(deps.payments, companyId, payNo);
  return { data: (await deps.notifications.list(payment.payNo)).map(toNotificationResource) };
}

/** A new notification of the payment as it is now; the stream hands it to the notifier like any other. */
export async function resendNotification(deps: NotificationsDeps, companyId: string, payNo: string): Promise<NotificationResource> {
  const payment = await paymentOfCompany(deps.payments, companyId, payNo);
  const notification = notificationOf(payment, deps.now().toISOString());
  if (!notification) throw new Conflict('no_notify_url', `Payment ${payNo} has no notifyUrl to notify`);
  await deps.notifications.insert(notification);
  return toNotificationResource(notification);
}
