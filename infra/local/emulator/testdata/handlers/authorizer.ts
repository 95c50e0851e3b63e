// REQUEST authorizer: allows the API keys whose SHA-256 is listed in ALLOW_HASHES.
import { createHash } from 'node:crypto';
import type { APIGatewayAuthorizerResult, APIGatewayRequestAuthorizerEvent } from 'aws-lambda';

let calls = 0;

export async function handler(event: APIGatewayRequestAuthorizerEvent): Promise<APIGatewayAuthorizerResult> {
  calls++;
  const key = event.headers?.['x-api-key'] ?? '';
  // The whole API (every stage, method and path), so that a cached policy covers other methods.
  const [arnPrefix, apiId] = event.methodArn.split('/')[0]!.split(/:(?=[^:]+$)/);
  const everything = `${arnPrefix}:${apiId}/*`;
  if (key === 'boom') throw new Error('authorizer crashed');
  if (key.startsWith('deny')) return policy('Deny', everything, {});
  const hash = createHash('sha256').update(key).digest('hex');
  if (!(process.env.ALLOW_HASHES ?? '').split(',').includes(hash)) throw new Error('Unauthorized');
  return policy('Allow', everything, { companyId: 'C1', calls, verified: true });
}

function policy(effect: 'Allow' | 'Deny', resource: string, context: Record<string, string | number | boolean>): APIGatewayAuthorizerResult {
  return {
    principalId: 'merchant-1',
    policyDocument: { Version: '2012-10-17', Statement: [{ Action: 'execute-api:Invoke', Effect: effect, Resource: resource }] },
    context,
  };
}
