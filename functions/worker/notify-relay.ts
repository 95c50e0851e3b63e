/**
 * The outbox relay: the table's stream, filtered by its event source mapping, hands each
 * notification item's INSERT to the notify queue; and where a payment was moved by a provider
 * event (its record shows a new lastEvent), it puts that move's notification item, whose INSERT
 * comes back this way. A failed send or put fails the batch, which Lambda retries from the stream
 * (bisecting to isolate a bad record), so an outbox item written is an item relayed and a move
 * recorded is a move notified.
 */
import middy from '@middy/core';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import type { DynamoDBStreamEvent } from 'aws-lambda';
import type { Payment } from '#lib/domain/payment.ts';
import { imagesOf } from '#lib/events/stream-images.ts';
import type { NotifyMessage } from '#lib/notify/notifier.ts';
import { logger } from '#lib/observability/logger.ts';
import { SqsNotifyQueue } from '#lib/queue/sqs-notify-queue.ts';
import { movedByEvent, putMoveNotification } from '#lib/store/dynamodb/move-notification.ts';

const queue = new SqsNotifyQueue(process.env.NOTIFY_QUEUE_URL ?? '');

export const handler = middy<DynamoDBStreamEvent, void>()
  .use(injectLambdaContext(logger, { resetKeys: true }))
  .handler(async (event) => {
    const messages: NotifyMessage[] = [];
    const moves: Payment[] = [];
    for (const record of event.Records) {
      const { entity, eventName, before, after } = imagesOf(record);
      if (entity === 'payment' && eventName === 'MODIFY' && after && movedByEvent(before as Payment | undefined, after as unknown as Payment)) {
        moves.push(after as unknown as Payment);
        continue;
      }
      const payNo = record.dynamodb?.NewImage?.payNo?.S;
      const notificationId = record.dynamodb?.NewImage?.notificationId?.S;
      // The mapping's filter lets only these through; anything else is not ours to send.
      if (eventName !== 'INSERT' || entity !== 'notification' || !payNo || !notificationId) continue;
      messages.push({ payNo, notificationId });
    }
    await Promise.all(moves.map(putMoveNotification));
    await queue.sendBatch(messages);
    logger.info('notifications relayed', { count: messages.length, moves: moves.length });
  });
