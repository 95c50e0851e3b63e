/**
 * The middy stack of every API function: Powertools logging and metrics, the Payee-Version
 * check, and the mapping of domain errors to the error shape. A handler only parses, calls
 * lib/ and replies.
 */
import middy from '@middy/core';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import type { APIGatewayProxyEvent, APIGatewayProxyResult, Context } from 'aws-lambda';
import { isAwsUnavailable } from '../aws/client-options.ts';
import { InvalidRequest, NotFound, PayeeError, ServiceUnavailable } from '../domain/errors.ts';
import { logger } from '../observability/logger.ts';
import { Metric, metrics } from '../observability/metrics.ts';
import { badPathParameter, header } from './request.ts';
import { API_VERSIONS, errorReply, internalErrorReply } from './response.ts';

type Handler = (event: APIGatewayProxyEvent, context: Context) => Promise<APIGatewayProxyResult>;

const requestIdOf = (event: APIGatewayProxyEvent) => event.requestContext?.requestId ?? 'unknown';

export function apiHandler(handler: Handler) {
  return middy<APIGatewayProxyEvent, APIGatewayProxyResult>()
    .use(injectLambdaContext(logger, { resetKeys: true }))
    .use(logMetrics(metrics))
    .use({
      before: ({ event }) => {
        logger.appendKeys({ requestId: requestIdOf(event), companyId: event.requestContext?.authorizer?.companyId });
        // Before any read: an id payee could never have issued names nothing (and could not be a table key).
        const badParameter = badPathParameter(event);
        if (badParameter) throw new NotFound(badParameter, badParameter);
        const version = header(event, 'payee-version');
        if (version !== undefined && !(API_VERSIONS as readonly string[]).includes(version)) {
          throw new InvalidRequest('unknown_api_version', `Payee-Version must be one of ${API_VERSIONS.join(', ')}`, 'Payee-Version');
        }
      },
      onError: (request) => {
        const requestId = requestIdOf(request.event);
        if (isAwsUnavailable(request.error)) {
          logger.warn('storage unavailable; the caller may retry', { error: request.error as Error });
          metrics.addMetric(Metric.ServiceUnavailable, 'Count', 1);
          request.response = errorReply(new ServiceUnavailable(request.error), requestId);
        } else if (request.error instanceof PayeeError) {
          const err = request.error;
          logger.info('request rejected', { type: err.type, code: err.code, param: err.param });
          metrics.addMetric(err.type === 'provider' ? Metric.ProviderUnavailable : Metric.RequestRejected, 'Count', 1);
          request.response = errorReply(err, requestId);
        } else {
          logger.error('request failed', request.error as Error);
          request.response = internalErrorReply(requestId);
        }
      },
    })
    .handler(handler);
}
