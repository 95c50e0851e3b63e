/**
 * The events relay (issue 14): the table's stream, filtered by its event source mapping to
 * payment, refund and audit-trail items, becomes catalogue events on the PaymentEvents topic.
 * Nothing on the payment path writes for it. A failed publish fails the batch, which Lambda
 * retries from the stream (bisecting), so an event may reach subscribers twice with the same id.
 * The published events are also the dashboard's per-channel metrics (lib/events/channel-metrics.ts).
 */
import middy from '@middy/core';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import type { DynamoDBStreamEvent } from 'aws-lambda';
import { emitChannelCounts } from '#lib/events/channel-metrics.ts';
import { changesOf, eventOf, payNoOf } from '#lib/events/from-stream.ts';
import { publishEvents } from '#lib/events/sns-publisher.ts';
import { logger } from '#lib/observability/logger.ts';
import { getPayments } from '#lib/store/dynamodb/payment-reader.ts';

const topicArn = process.env.PAYMENT_EVENTS_TOPIC_ARN ?? '';

export const handler = middy<DynamoDBStreamEvent, void>()
  .use(injectLambdaContext(logger, { resetKeys: true }))
  .handler(async (event) => {
    const changes = event.Records.flatMap(changesOf);
    // Refunds and audit-trail items do not carry their payment's company, channel and method.
    const missing = changes.filter((c) => c.kind !== 'payment').map(payNoOf);
    const read = missing.length ? await getPayments(missing) : new Map();
    const events = changes.flatMap((change) => {
      const payment = change.kind === 'payment' ? change.payment : read.get(payNoOf(change));
      if (!payment) {
        logger.error('event dropped: its payment is gone', { type: change.type, id: change.id });
        return [];
      }
      return [eventOf(change, payment)];
    });
    await publishEvents(topicArn, events);
    // After the publish: a batch that failed to publish is retried whole, and counted then.
    emitChannelCounts(events);
    logger.info('events published', { count: events.length, types: events.map((e) => e.type) });
  });
