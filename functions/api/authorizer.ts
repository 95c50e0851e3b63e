/**
 * The REQUEST authorizer of every /v1 route: maps the API key (stored only as a SHA-256 hash) to
 * its company and refuses unknown, disabled and expired (rotated) keys. API Gateway checks the
 * same key against the usage plan (throttle, quota) after this, and caches this answer per key for
 * the TTL set in the stack.
 */
import type { APIGatewayAuthorizerResult, APIGatewayRequestAuthorizerEvent } from 'aws-lambda';
import { createHash } from 'node:crypto';
import { logger } from '#lib/observability/logger.ts';
import { Metric, metrics } from '#lib/observability/metrics.ts';
import { DynamoApiKeyStore } from '#lib/store/dynamodb/api-key-store.ts';

const keys = new DynamoApiKeyStore();

/** The policy covers the whole stage so that API Gateway's cached answer serves every route. */
function policy(effect: 'Allow' | 'Deny', methodArn: string, principalId: string, context?: Record<string, string>): APIGatewayAuthorizerResult {
  const [arn, stage] = methodArn.split('/');
  return {
    principalId,
    policyDocument: {
      Version: '2012-10-17',
      Statement: [{ Action: 'execute-api:Invoke', Effect: effect, Resource: `${arn}/${stage}/*` }],
    },
    ...(context ? { context } : {}),
  };
}

export const handler = async (event: APIGatewayRequestAuthorizerEvent): Promise<APIGatewayAuthorizerResult> => {
  const apiKey = Object.entries(event.headers ?? {}).find(([k]) => k.toLowerCase() === 'x-api-key')?.[1];
  const record = apiKey ? await keys.findByHash(createHash('sha256').update(apiKey).digest('hex')) : undefined;
  const refusal = !record ? 'unknown' : record.status !== 'ACTIVE' ? 'disabled' : record.expiresAt && new Date(record.expiresAt) <= new Date() ? 'expired' : undefined;
  if (!record || refusal) {
    logger.info('api key refused', { reason: refusal, requestId: event.requestContext?.requestId });
    metrics.addMetric(Metric.AuthorizerDenied, 'Count', 1);
    metrics.publishStoredMetrics();
    return policy('Deny', event.methodArn, 'anonymous');
  }
  // API Gateway caches this answer for its TTL: a rotated key's expiresAt goes along, and the API
  // functions refuse the key once it has passed (lib/http/request.ts companyOf).
  return policy('Allow', event.methodArn, record.companyId, {
    companyId: record.companyId,
    apiKeyId: record.apiKeyId,
    // Root first (lib/payments/visibility.ts); a key older than the company tree has none: a root.
    companyPath: (record.companyPath ?? [record.companyId]).join('/'),
    ...(record.expiresAt ? { keyExpiresAt: record.expiresAt } : {}),
  });
};
