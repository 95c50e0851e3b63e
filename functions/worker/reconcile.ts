/**
 * The reconciler, run every minute by an EventBridge schedule (or now with `aws lambda invoke`,
 * any event): each sweep in SWEEPS works through what is due until the run's deadline and leaves
 * the rest to the next run. Sweeps run side by side and fail apart; adding one is one entry.
 */
import middy from '@middy/core';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import type { Context } from 'aws-lambda';
import { providerHttp } from '#lib/http/provider-http.ts';
import { logger } from '#lib/observability/logger.ts';
import { Metric, metrics } from '#lib/observability/metrics.ts';
import { reconcilePayments } from '#lib/payments/reconcile.ts';
import { SqsEventQueue } from '#lib/queue/sqs-event-queue.ts';
import { DynamoConfigStore } from '#lib/store/dynamodb/config-store.ts';
import { OPEN_SHARDS } from '#lib/store/dynamodb/keys.ts';
import { DynamoPaymentStore } from '#lib/store/dynamodb/payment-store.ts';
import { DynamoGroupStore } from '#lib/store/dynamodb/group-store.ts';
import { settleOpenRefunds } from '#lib/refunds/settle-open-refunds.ts';
import { DynamoRefundStore } from '#lib/store/dynamodb/refund-store.ts';

const providerTimeoutMs = Number(process.env.PROVIDER_TIMEOUT_MS ?? 5000);
const payments = {
  payments: new DynamoPaymentStore(),
  // An expired group member settles its group (group.closed once all are closed).
  groups: new DynamoGroupStore(),
  configs: new DynamoConfigStore(),
  queue: new SqsEventQueue(process.env.CALLBACK_QUEUE_URL ?? ''),
  http: providerHttp,
  providerTimeoutMs,
  now: () => new Date(),
  shards: OPEN_SHARDS,
};

interface Sweep {
  name: string;
  /** Works until `deadline` (epoch ms) and says what it did: returned, logged and counted in `metrics`. */
  run(deadline: number): Promise<{ summary: object; metrics: Partial<Record<keyof typeof Metric, number>> }>;
}

const SWEEPS: Sweep[] = [
  {
    name: 'payments',
    async run(deadline) {
      const summary = await reconcilePayments(
        {
          ...payments,
          onCheck(check) {
            if (check.outcome === 'error' || check.outcome === 'unavailable' || check.stuck) logger.warn('payment checked', { ...check });
            else logger.info('payment checked', { ...check });
          },
        },
        deadline,
      );
      return {
        summary,
        metrics: {
          ReconcileClosed: summary.closed + summary.paid,
          ReconcileQueued: summary.queued,
          ReconcileErrors: summary.unavailable + summary.error,
          PaymentsStuckPastExpiry: summary.stuckPastExpiry,
        },
      };
    },
  },
  {
    name: 'refunds',
    async run(deadline) {
      const summary = await settleOpenRefunds({ ...payments, refunds: new DynamoRefundStore() }, new Date(), deadline, (refund, error) =>
        logger.warn('refund check failed', { payNo: refund.payNo, refundNo: refund.refundNo, error: error as Error }),
      );
      return {
        summary,
        metrics: { RefundsSettled: summary.succeeded + summary.failed, RefundsResubmitted: summary.resubmitted, RefundCheckErrors: summary.unavailable + summary.errors },
      };
    },
  },
];

/**
 * Room kept after the deadline for the work in flight: an expired payment's close can be two
 * provider calls (close, then query) and a few table writes.
 */
const IN_FLIGHT_MS = 2 * providerTimeoutMs + 5000;

export const handler = middy<unknown, Record<string, object>>()
  .use(injectLambdaContext(logger, { resetKeys: true }))
  .use(logMetrics(metrics))
  .handler(async (_event, context: Context) => {
    const deadline = Date.now() + context.getRemainingTimeInMillis() - IN_FLIGHT_MS;
    const settled = await Promise.allSettled(SWEEPS.map((sweep) => sweep.run(deadline)));
    const results: Record<string, object> = {};
    settled.forEach((outcome, i) => {
      const { name } = SWEEPS[i]!;
      if (outcome.status === 'rejected') {
        logger.error('sweep failed', { sweep: name, error: outcome.reason as Error });
        return;
      }
      logger.info('sweep done', { sweep: name, ...outcome.value.summary });
      for (const [metric, count] of Object.entries(outcome.value.metrics)) metrics.addMetric(metric, 'Count', count);
      results[name] = outcome.value.summary;
    });
    // A failed sweep fails the run (the function's Errors alarm); the others' work is done and counted.
    const failed = settled.find((s) => s.status === 'rejected');
    if (failed) throw failed.reason;
    return results;
  });
