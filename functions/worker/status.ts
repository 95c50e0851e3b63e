/**
 * The status worker on the callbacks FIFO queue: applies each verified provider event exactly
 * once, in order per payment. A failed record fails the rest of its group (Powertools FIFO
 * processing), so they are retried in order; other payments' groups go on.
 */
import middy from '@middy/core';
import { processPartialResponse, SqsFifoPartialProcessorAsync } from '@aws-lambda-powertools/batch';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import type { SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import type { Payment } from '#lib/domain/payment.ts';
import { applyPaymentEvent } from '#lib/callbacks/apply-event.ts';
import { emitCallbackLatency } from '#lib/events/channel-metrics.ts';
import { parseCallbackMessage } from '#lib/callbacks/payment-event-schema.ts';
import { applyRefundEvent } from '#lib/refunds/apply-refund-event.ts';
import { logger } from '#lib/observability/logger.ts';
import { Metric, metrics } from '#lib/observability/metrics.ts';
import { DynamoPaymentStore } from '#lib/store/dynamodb/payment-store.ts';
import { DynamoGroupStore } from '#lib/store/dynamodb/group-store.ts';
import { settleGroup } from '#lib/groups/settle-group.ts';
import { DynamoRefundStore } from '#lib/store/dynamodb/refund-store.ts';

const payments = new DynamoPaymentStore();
const groups = new DynamoGroupStore();
const refunds = new DynamoRefundStore();
const processor = new SqsFifoPartialProcessorAsync();

const outcomeMetric = { applied: Metric.EventApplied, ignored: Metric.EventIgnored, duplicate: Metric.EventDuplicate } as const;

/** The batch's payments in one BatchGetItem; a poison message is left to fail on its own. */
async function paymentsOf(records: SQSRecord[]): Promise<Map<string, Payment>> {
  const payNos = records.flatMap((r) => {
    try {
      const message = parseCallbackMessage(r.body);
      return message.kind === 'payment' ? [message.event.payNo] : [];
    } catch {
      return [];
    }
  });
  return payNos.length ? payments.getMany(payNos) : new Map();
}

/** `known`: the batch's payments as last read or written; a record after another of its payment sees that one's outcome. */
async function applyRecord(record: SQSRecord, known: Map<string, Payment>): Promise<void> {
  const message = parseCallbackMessage(record.body);
  if (message.kind === 'refund') {
    const { event } = message;
    // The settlement may change the payment: a later record of it reads it again.
    known.delete(event.payNo);
    const result = await applyRefundEvent({ payments, refunds, now: () => new Date() }, event);
    logger.info('refund event processed', { payNo: event.payNo, refundNo: event.refundNo, eventId: event.eventId, outcome: result.outcome, reason: result.reason });
    metrics.addMetric(outcomeMetric[result.outcome], 'Count', 1);
    return;
  }
  const { event } = message;
  const result = await applyPaymentEvent(payments, event, () => new Date(), known.get(event.payNo));
  known.set(event.payNo, result.payment);
  logger.info('event processed', {
    payNo: event.payNo,
    eventId: event.eventId,
    outcome: result.outcome,
    status: result.payment.status,
    reason: result.reason,
  });
  metrics.addMetric(outcomeMetric[result.outcome], 'Count', 1);
  if (result.latePayment) metrics.addMetric(Metric.LatePayment, 'Count', 1);
  // The report's callback latency, per channel on the dashboard.
  if (result.outcome === 'applied' && event.notifiedAt) emitCallbackLatency(event.channel, Date.now() - Date.parse(event.notifiedAt));
  // A group member: its group's status follows (a duplicate too: a retry after a failed settle).
  if (result.payment.groupNo && result.outcome !== 'ignored') await settleGroup({ groups, payments, now: () => new Date() }, result.payment.groupNo);
}

export const handler = middy<SQSEvent, SQSBatchResponse>()
  .use(injectLambdaContext(logger, { resetKeys: true }))
  .use(logMetrics(metrics))
  .handler(async (event, context) => {
    const known = await paymentsOf(event.Records);
    return processPartialResponse(event, (record: SQSRecord) => applyRecord(record, known), processor, { context, skipGroupOnError: true });
  });
