/**
 * The outbox relay: the table's stream, filtered by its event source mapping to INSERTs of
 * notification items, hands each notification to the notify queue. A failed send fails the
 * batch, which Lambda retries from the stream (bisecting to isolate a bad record), so an outbox
 * item written is an item relayed.
 */
import middy from '@middy/core';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import type { DynamoDBStreamEvent } from 'aws-lambda';
import type { NotifyMessage } from '#lib/notify/notifier.ts';
import { logger } from '#lib/observability/logger.ts';
import { SqsNotifyQueue } from '#lib/queue/sqs-notify-queue.ts';

const queue = new SqsNotifyQueue(process.env.NOTIFY_QUEUE_URL ?? '');

export const handler = middy<DynamoDBStreamEvent, void>()
  .use(injectLambdaContext(logger, { resetKeys: true }))
  .handler(async (event) => {
    const messages: NotifyMessage[] = [];
    for (const record of event.Records) {
      const image = record.dynamodb?.NewImage;
      const payNo = image?.payNo?.S;
      const notificationId = image?.notificationId?.S;
      // The mapping's filter lets only notification INSERTs through; anything else is not ours to send.
      if (record.eventName !== 'INSERT' || !payNo || !notificationId) continue;
      messages.push({ payNo, notificationId });
    }
    await queue.sendBatch(messages);
    logger.info('notifications relayed', { count: messages.length });
  });
