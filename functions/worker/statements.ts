/**
 * The daily statement reconciliation. The EventBridge schedule invokes it with `{"fanOut": true}`:
 * the providers' previous day is queued, one message per pay config, and each message (SQS, one
 * per invocation) reconciles its config alone. Operators re-run a day by invoking it with
 * `{"day": "yyyy-mm-dd", "payId"?: "..."}`, answered with each config's outcome.
 */
import middy from '@middy/core';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import type { SQSEvent } from 'aws-lambda';
import { statementQueueMessage, statementRunEvent } from '#lib/api/reconciliation-schema.ts';
import { providerHttp } from '#lib/http/provider-http.ts';
import { parseWith } from '#lib/http/validation.ts';
import { flowsOfPayments } from '#lib/ledger/ledger-store.ts';
import { logger } from '#lib/observability/logger.ts';
import { Metric, metrics } from '#lib/observability/metrics.ts';
import { previousChinaDay } from '#lib/statements/china-day.ts';
import { queueStatements, reconcileStatements, type ReconcileResult } from '#lib/statements/reconcile-statement.ts';
import { DynamoConfigStore } from '#lib/store/dynamodb/config-store.ts';
import { DynamoPaymentStore } from '#lib/store/dynamodb/payment-store.ts';
import { DynamoStatementStore } from '#lib/store/dynamodb/statement-store.ts';

const deps = {
  configs: new DynamoConfigStore(),
  payments: new DynamoPaymentStore(),
  reports: new DynamoStatementStore(),
  ledgerFlows: flowsOfPayments,
  http: providerHttp,
  // Bills are downloads, not API calls: more time than a create gets.
  providerTimeoutMs: Number(process.env.PROVIDER_TIMEOUT_MS ?? 20_000),
  now: () => new Date(),
};

const observe = {
  completed(report: { payId: string; differences: number }) {
    logger.info('statement reconciled', { ...report });
    metrics.addMetric(Metric.StatementDifferences, 'Count', report.differences);
  },
  failed(payConfig: { payId: string; channel: string }, error: unknown) {
    logger.error('statement not reconciled', { payId: payConfig.payId, channel: payConfig.channel, error: error as Error });
    metrics.addMetric(Metric.StatementFetchFailed, 'Count', 1);
  },
};

type Reply = { day: string; results: ReconcileResult[] } | { day: string; queued: string[] } | void;

const isQueueEvent = (event: unknown): event is SQSEvent => Array.isArray((event as SQSEvent | undefined)?.Records);

export const handler = middy<unknown, Reply>()
  .use(injectLambdaContext(logger, { resetKeys: true }))
  .use(logMetrics(metrics))
  .handler(async (event) => {
    if (isQueueEvent(event)) {
      // One message per invocation (batch size 1): a config whose statement cannot be read throws,
      // so SQS delivers it again later (a bill not ready yet), then to the dead-letter queue.
      for (const record of event.Records) {
        const run = parseWith(statementQueueMessage, JSON.parse(record.body));
        const [result] = await reconcileStatements(deps, run, observe);
        if (result?.outcome === 'failed') throw new Error(`statement of ${run.payId} for ${run.day} not reconciled: ${result.error}`);
      }
      return;
    }
    const request = parseWith(statementRunEvent, event ?? {});
    const day = request.day ?? previousChinaDay(deps.now());
    // One named config is reconciled here even when fanOut is asked.
    if (request.fanOut && !request.payId) {
      // Once a day: the SQS client is loaded here, not at each config's cold start.
      const { SqsStatementQueue } = await import('#lib/queue/sqs-statement-queue.ts');
      const queued = await queueStatements(deps, new SqsStatementQueue(process.env.STATEMENT_QUEUE_URL!), day);
      logger.info('statements queued', { day, configs: queued.length });
      return { day, queued };
    }
    return { day, results: await reconcileStatements(deps, { day, payId: request.payId }, observe) };
  });
