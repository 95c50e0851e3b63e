/**
 * The notifier on the notify queue: one attempt per message (records of a batch in parallel),
 * recorded on the notification. A failed attempt sends the message on with the schedule's next
 * wait; a used-up schedule marks the notification FAILED and puts it on the dead-letter queue.
 * An error here (DynamoDB, SQS) fails only its record, which SQS delivers again.
 */
import middy from '@middy/core';
import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import type { SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import { postNotification } from '#lib/notify/deliver.ts';
import { attemptNotification, type NotifierDeps, type NotifyMessage } from '#lib/notify/notifier.ts';
import { retrySchedule } from '#lib/notify/schedule.ts';
import { notifyUrlPolicy } from '#lib/notify/url-policy.ts';
import { logger } from '#lib/observability/logger.ts';
import { Metric, metrics } from '#lib/observability/metrics.ts';
import { SqsNotifyQueue } from '#lib/queue/sqs-notify-queue.ts';
import { DynamoNotificationStore } from '#lib/store/dynamodb/notification-store.ts';

const queue = new SqsNotifyQueue(process.env.NOTIFY_QUEUE_URL ?? '', process.env.NOTIFY_DEAD_LETTER_QUEUE_URL);
const deps: NotifierDeps = {
  notifications: new DynamoNotificationStore(),
  post: postNotification,
  schedule: retrySchedule(),
  timeoutMs: Number(process.env.NOTIFY_ATTEMPT_TIMEOUT_MS ?? 5000),
  policy: notifyUrlPolicy(),
  now: () => new Date(),
};
const processor = new BatchProcessor(EventType.SQS);

function parseMessage(body: string): NotifyMessage {
  const m = JSON.parse(body) as Partial<NotifyMessage>;
  if (typeof m.payNo !== 'string' || typeof m.notificationId !== 'string') throw new Error('not a notify message');
  return { payNo: m.payNo, notificationId: m.notificationId, ...(typeof m.notBefore === 'string' ? { notBefore: m.notBefore } : {}) };
}

async function attemptRecord(record: SQSRecord): Promise<void> {
  const message = parseMessage(record.body);
  const step = await attemptNotification(deps, message);
  const { payNo, notificationId } = message;
  if (step.kind === 'delivered') {
    logger.info('notification delivered', { payNo, notificationId, ...step.attempt });
    metrics.addMetric(Metric.NotificationDelivered, 'Count', 1);
    metrics.addMetric(Metric.NotificationLatency, 'Milliseconds', step.attempt.latencyMs);
  } else if (step.kind === 'wait') {
    if (step.attempt) {
      logger.info('notification attempt failed', { payNo, notificationId, ...step.attempt, retryIn: step.delaySeconds });
      metrics.addMetric(Metric.NotificationAttemptFailed, 'Count', 1);
    }
    await queue.send(step.message, step.delaySeconds);
  } else if (step.kind === 'failed') {
    logger.warn('notification failed: schedule used up', { payNo, notificationId, ...step.attempt });
    metrics.addMetric(Metric.NotificationFailed, 'Count', 1);
    await queue.sendToDeadLetter(message);
  }
}

export const handler = middy<SQSEvent, SQSBatchResponse>()
  .use(injectLambdaContext(logger, { resetKeys: true }))
  .use(logMetrics(metrics))
  .handler((event, context) => processPartialResponse(event, attemptRecord, processor, { context }));
