/**
 * The events relay (issue 14): the table's stream, filtered by its event source mapping to
 * payment, refund and audit-trail items, becomes catalogue events on the PaymentEvents topic and
 * the daily counters reports read. Nothing on the payment path writes for either.
 *
 * Events: each batch's are published at once. A failed publish fails the batch, which Lambda
 * retries from the stream (bisecting), so an event may reach subscribers twice with the same id.
 * The published events are also the dashboard's per-channel metrics (lib/events/channel-metrics.ts).
 *
 * Counters: the mapping has a tumbling window; each batch adds its counts to the window's state,
 * which Lambda keeps, and the window's final invocation writes them, idempotently
 * (lib/reports/counter-window.ts, lib/store/dynamodb/counter-store.ts).
 */
import middy from '@middy/core';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import type { DynamoDBStreamEvent } from 'aws-lambda';
import { emitChannelCounts } from '#lib/events/channel-metrics.ts';
import { changesOf, eventOf, payNoOf } from '#lib/events/from-stream.ts';
import { publishEvents } from '#lib/events/sns-publisher.ts';
import { logger } from '#lib/observability/logger.ts';
import { addBatch, emptyWindow, paymentsToRead, type CounterWindow } from '#lib/reports/counter-window.ts';
import { writeCounterWindow } from '#lib/store/dynamodb/counter-store.ts';
import { getPayments } from '#lib/store/dynamodb/payment-reader.ts';

const topicArn = process.env.PAYMENT_EVENTS_TOPIC_ARN ?? '';

/** A stream batch under a tumbling window: Lambda adds the window's state and the shard. */
interface WindowedStreamEvent extends DynamoDBStreamEvent {
  shardId: string;
  state?: CounterWindow;
  isFinalInvokeForWindow: boolean;
}

export const handler = middy<WindowedStreamEvent, { state: CounterWindow }>()
  .use(injectLambdaContext(logger, { resetKeys: true }))
  .handler(async (event) => {
    const changes = event.Records.flatMap(changesOf);
    // Refunds, audit-trail items and applied callbacks do not carry their payment's company, channel and method.
    const missing = [...changes.filter((c) => c.kind !== 'payment').map(payNoOf), ...paymentsToRead(event.Records)];
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
    if (events.length) logger.info('events published', { count: events.length, types: events.map((e) => e.type) });

    const window = addBatch(event.state, event.Records, read);
    if (!event.isFinalInvokeForWindow) return { state: window };
    const written = await writeCounterWindow(window, event.shardId);
    logger.info('counters written', { items: Object.keys(window.sums).length, written, first: window.first, last: window.last });
    return { state: emptyWindow() };
  });
