/**
 * The notifier's rule (ARCHITECTURE.md §5 flow 4): attempt one notification, record the attempt
 * on it, and say what comes next. Any 2xx delivers it; anything else (another status, refused
 * connection, timeout, refused address) waits the schedule's next step; after the last step it
 * is FAILED and goes to the dead-letter queue, whose alarm tells an operator.
 */
import type { NotificationStore } from '../store/notification-store.ts';
import type { NotificationPost } from './deliver.ts';
import type { Notification, NotificationAttempt } from './notification.ts';
import { waitAfterAttempt } from './schedule.ts';
import { SIGNATURE_HEADER, signNotification } from './signature.ts';
import type { NotifyUrlPolicy } from './url-policy.ts';

/** What the notify queue carries: which notification, and not before when (hops of long waits). */
export interface NotifyMessage {
  payNo: string;
  notificationId: string;
  notBefore?: string;
}

const CLOCK_SLACK_MS = 1000;

export interface NotifierDeps {
  notifications: NotificationStore;
  post: NotificationPost;
  /** Seconds to wait after each failed attempt. */
  schedule: readonly number[];
  timeoutMs: number;
  policy: NotifyUrlPolicy;
  now: () => Date;
}

export type NotifyStep =
  /** Nothing to do: delivered or failed already, gone, or another delivery of the message recorded this attempt. */
  | { kind: 'done'; notification?: Notification }
  | { kind: 'delivered'; notification: Notification; attempt: NotificationAttempt }
  /** Send the message again after `delaySeconds` (at most SQS's 900; notBefore covers the rest). */
  | { kind: 'wait'; message: NotifyMessage; delaySeconds: number; attempt?: NotificationAttempt }
  | { kind: 'failed'; notification: Notification; attempt: NotificationAttempt };

export async function attemptNotification(deps: NotifierDeps, message: NotifyMessage): Promise<NotifyStep> {
  const now = deps.now();
  if (message.notBefore && Date.parse(message.notBefore) > now.getTime()) {
    return { kind: 'wait', message, delaySeconds: (Date.parse(message.notBefore) - now.getTime()) / 1000 };
  }
  const notification = await deps.notifications.get(message.payNo, message.notificationId);
  if (!notification || notification.status !== 'PENDING') return { kind: 'done', notification };
  // A message delivered again or early (a failed send after the attempt was recorded) keeps to the
  // schedule; a second of slack absorbs clock differences between the writer and this function.
  if (notification.nextAttemptAt && Date.parse(notification.nextAttemptAt) > now.getTime() + CLOCK_SLACK_MS) {
    const notBefore = notification.nextAttemptAt;
    return { kind: 'wait', message: { ...message, notBefore }, delaySeconds: (Date.parse(notBefore) - now.getTime()) / 1000 };
  }

  const secret = await deps.notifications.notifySecret(notification.companyId);
  const n = notification.attempts.length + 1;
  const at = now.toISOString();
  const result = secret
    ? await deps.post(
        notification.url,
        notification.body,
        { [SIGNATURE_HEADER]: signNotification(secret, Math.floor(now.getTime() / 1000), notification.body), 'User-Agent': 'payee-notify/1' },
        { timeoutMs: deps.timeoutMs, policy: deps.policy },
      )
    : { error: 'the company has no notify secret', latencyMs: 0 };
  const attempt: NotificationAttempt = { n, at, ...result };

  if (result.statusCode !== undefined && result.statusCode >= 200 && result.statusCode < 300) {
    const recorded = await deps.notifications.recordAttempt(notification, attempt, { status: 'DELIVERED' });
    return recorded ? { kind: 'delivered', notification, attempt } : { kind: 'done', notification };
  }
  const wait = waitAfterAttempt(deps.schedule, n);
  if (wait === undefined) {
    const recorded = await deps.notifications.recordAttempt(notification, attempt, { status: 'FAILED' });
    return recorded ? { kind: 'failed', notification, attempt } : { kind: 'done', notification };
  }
  const nextAttemptAt = new Date(now.getTime() + wait * 1000).toISOString();
  const recorded = await deps.notifications.recordAttempt(notification, attempt, { status: 'PENDING', nextAttemptAt });
  if (!recorded) return { kind: 'done', notification };
  return { kind: 'wait', message: { payNo: message.payNo, notificationId: message.notificationId, notBefore: nextAttemptAt }, delaySeconds: wait, attempt };
}
