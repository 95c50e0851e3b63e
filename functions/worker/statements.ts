/**
 * The daily statement reconciliation, run by an EventBridge schedule for the providers' previous
 * day, or invoked with `{"day": "yyyy-mm-dd", "payId"?: "..."}` to (re)run a given day.
 */
import middy from '@middy/core';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import { statementRunEvent } from '#lib/api/reconciliation-schema.ts';
import { providerHttp } from '#lib/http/provider-http.ts';
import { parseWith } from '#lib/http/validation.ts';
import { flowsOfPayments } from '#lib/ledger/ledger-store.ts';
import { logger } from '#lib/observability/logger.ts';
import { Metric, metrics } from '#lib/observability/metrics.ts';
import { previousChinaDay } from '#lib/statements/china-day.ts';
import { reconcileStatements, type ReconcileResult } from '#lib/statements/reconcile-statement.ts';
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

export const handler = middy<unknown, { day: string; results: ReconcileResult[] }>()
  .use(injectLambdaContext(logger, { resetKeys: true }))
  .use(logMetrics(metrics))
  .handler(async (event) => {
    const request = parseWith(statementRunEvent, event ?? {});
    const day = request.day ?? previousChinaDay(deps.now());
    const results = await reconcileStatements(deps, { day, payId: request.payId }, {
      completed(report) {
        logger.info('statement reconciled', { ...report });
        metrics.addMetric(Metric.StatementDifferences, 'Count', report.differences);
      },
      failed(payConfig, error) {
        logger.error('statement not reconciled', { payId: payConfig.payId, channel: payConfig.channel, day, error: error as Error });
        metrics.addMetric(Metric.StatementFetchFailed, 'Count', 1);
      },
    });
    return { day, results };
  });
