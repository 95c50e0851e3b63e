/** The port the notifier and the notifications API need from storage. */
import type { Notification, NotificationAttempt, NotificationStatus } from '../notify/notification.ts';

export interface NotificationStore {
  /** A notification written on its own (a resend); status changes write theirs in their own transaction. */
  insert(notification: Notification): Promise<void>;
  get(payNo: string, notificationId: string): Promise<Notification | undefined>;
  /** The payment's notifications, oldest first. */
  list(payNo: string): Promise<Notification[]>;
  /**
   * Appends an attempt and sets the status, conditional on the notification being PENDING with
   * exactly the attempts it had when read: false when another delivery of the same message got
   * there first (SQS delivers at least once), which then owns the next step.
   */
  recordAttempt(
    notification: Notification,
    attempt: NotificationAttempt,
    next: { status: NotificationStatus; nextAttemptAt?: string },
  ): Promise<boolean>;
  /** The company's notify secret (cached briefly), or undefined when it has none. */
  notifySecret(companyId: string): Promise<string | undefined>;
}
