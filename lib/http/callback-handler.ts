/**
 * The Lambda of one provider's callbacks (`POST /callbacks/<provider>/{payId}`): no API key —
 * providers can't send one — the channel verifies the signature. It answers with the provider's
 * own replies, and a 5xx whenever payee could not take the callback, so the provider retries.
 */
import middy from '@middy/core';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import type { Channel, ProviderReply } from '../channels/channel.ts';
import { receiveCallback } from '../callbacks/receive-callback.ts';
import { providerHttp } from './provider-http.ts';
import { badPathParameter } from './request.ts';
import { logger } from '../observability/logger.ts';
import { Metric, metrics } from '../observability/metrics.ts';
import { SqsEventQueue } from '../queue/sqs-event-queue.ts';
import { DynamoConfigStore } from '../store/dynamodb/config-store.ts';
import { getPayment } from '../store/dynamodb/payment-reader.ts';
import { getRefund } from '../store/dynamodb/refund-reader.ts';

const reply = (r: ProviderReply): APIGatewayProxyResult => ({
  statusCode: r.statusCode,
  headers: { 'Content-Type': r.contentType },
  body: r.body,
});

export function callbackHandler(channel: Channel<any>) {
  const deps = {
    configs: new DynamoConfigStore(),
    payments: { get: getPayment },
    refunds: { get: getRefund },
    queue: new SqsEventQueue(process.env.CALLBACK_QUEUE_URL ?? ''),
    http: providerHttp,
    providerTimeoutMs: Number(process.env.PROVIDER_TIMEOUT_MS ?? 5000),
    now: () => new Date(),
  };

  return middy<APIGatewayProxyEvent, APIGatewayProxyResult>()
    .use(injectLambdaContext(logger, { resetKeys: true }))
    .use(logMetrics(metrics))
    .handler(async (event) => {
      const payId = event.pathParameters?.payId ?? '';
      if (badPathParameter(event)) {
        // Unauthenticated input: refused before any I/O, and never logged whole.
        logger.appendKeys({ channel: channel.name, requestId: event.requestContext?.requestId });
        logger.warn('callback rejected', { reason: 'unknown_config', detail: 'payId is not a pay config id', payIdPrefix: payId.slice(0, 64), payIdLength: payId.length });
        metrics.addMetric(Metric.CallbackRejected, 'Count', 1);
        return reply(channel.callbackReplies.rejected);
      }
      logger.appendKeys({ channel: channel.name, payId, requestId: event.requestContext?.requestId });
      const headers = Object.fromEntries(Object.entries(event.headers ?? {}).map(([k, v]) => [k.toLowerCase(), v ?? undefined]));
      const rawBody = event.isBase64Encoded ? Buffer.from(event.body ?? '', 'base64').toString('utf8') : (event.body ?? '');
      try {
        const result = await receiveCallback(deps, channel, payId, { headers, rawBody });
        switch (result.outcome) {
          case 'enqueued':
            logger.info('callback accepted', { payNo: result.event.payNo, eventId: result.event.eventId, status: result.event.status });
            metrics.addMetric(Metric.CallbackAccepted, 'Count', 1);
            break;
          case 'rejected':
            logger.warn('callback rejected', { reason: result.reason, detail: result.detail, payNo: result.payNo });
            metrics.addMetric(result.reason === 'amount_mismatch' ? Metric.CallbackAmountMismatch : Metric.CallbackRejected, 'Count', 1);
            break;
          case 'ignored':
            logger.info('callback acknowledged, nothing to apply', { payNo: result.payNo, detail: result.detail });
            metrics.addMetric(Metric.CallbackAccepted, 'Count', 1);
            break;
          case 'provider_unavailable':
            logger.warn('approval not completed at the provider; it will retry', { payNo: result.payNo, error: result.error as Error });
            metrics.addMetric(Metric.ProviderUnavailable, 'Count', 1);
            break;
          case 'enqueue_failed':
            logger.error('callback not enqueued; the provider will retry', { payNo: result.event.payNo, error: result.error as Error });
            metrics.addMetric(Metric.CallbackEnqueueFailed, 'Count', 1);
            break;
        }
        return reply(result.reply);
      } catch (error) {
        logger.error('callback failed; the provider will retry', error as Error);
        metrics.addMetric(Metric.CallbackEnqueueFailed, 'Count', 1);
        return reply(channel.callbackReplies.retryLater);
      }
    });
}
