// Lambda authorizers (REQUEST and TOKEN) with API Gateway's result cache: the returned policy is
// cached per identity-source values for the TTL and evaluated again for every request's method
// ARN, so a cached policy that names only one method denies the others (a well-known AWS trap).
import type { FunctionPool } from '../lambda/pool.ts';
import { header, requestAuthorizerEvent, tokenAuthorizerEvent, methodArn, type GatewayRequest } from './events.ts';
import type { ApiModel, AuthorizerModel, MethodModel } from './model.ts';
import { evaluatePolicy } from './policy.ts';
import type { GatewayResponseType } from './responses.ts';

export type AuthorizerOutcome =
  | { ok: true; principalId: string; context: Record<string, unknown>; usageIdentifierKey: string | undefined }
  | { ok: false; responseType: GatewayResponseType; message?: string };

interface AuthorizerResult {
  principalId?: unknown;
  policyDocument?: Parameters<typeof evaluatePolicy>[0];
  context?: Record<string, unknown>;
  usageIdentifierKey?: unknown;
}

export class Authorizers {
  private readonly cache = new Map<string, { result: AuthorizerResult; expires: number }>();

  constructor(
    private readonly api: ApiModel,
    private readonly pools: Map<string, FunctionPool>,
  ) {}

  async authorize(authorizer: AuthorizerModel, method: MethodModel, request: GatewayRequest, pathParameters: Record<string, string> | null): Promise<AuthorizerOutcome> {
    const sources = authorizer.identitySources.map((s) => identityValue(s, request, this.api));
    // A REQUEST authorizer without caching does not require its identity sources.
    const required = authorizer.type === 'TOKEN' || authorizer.ttlSeconds > 0;
    if (required && sources.some((v) => !v)) return { ok: false, responseType: 'UNAUTHORIZED' };

    const key = `${authorizer.id}\u0000${sources.join('\u0000')}`;
    const started = performance.now();
    let result = authorizer.ttlSeconds > 0 ? this.cached(key) : undefined;
    const fromCache = result !== undefined;
    if (!result) {
      const event =
        authorizer.type === 'TOKEN'
          ? tokenAuthorizerEvent(this.api, request, sources[0]!)
          : requestAuthorizerEvent(this.api, method, request, pathParameters);
      const invoked = await this.pools.get(authorizer.functionLogicalId)!.invoke(event);
      if (!invoked.ok) {
        // Only the exact message "Unauthorized" means 401; any other failure is a configuration error.
        if (invoked.error.errorMessage === 'Unauthorized') return { ok: false, responseType: 'UNAUTHORIZED' };
        return { ok: false, responseType: 'AUTHORIZER_CONFIGURATION_ERROR' };
      }
      result = invoked.payload as AuthorizerResult;
      if (!isValid(result)) return { ok: false, responseType: 'AUTHORIZER_CONFIGURATION_ERROR' };
      if (authorizer.ttlSeconds > 0) this.cache.set(key, { result, expires: Date.now() + authorizer.ttlSeconds * 1000 });
    }

    const decision = evaluatePolicy(result.policyDocument!, methodArn(this.api, request));
    if (decision === 'EXPLICIT_DENY') {
      return { ok: false, responseType: 'ACCESS_DENIED', message: 'User is not authorized to access this resource with an explicit deny' };
    }
    if (decision === 'IMPLICIT_DENY') return { ok: false, responseType: 'ACCESS_DENIED', message: 'User is not authorized to access this resource' };
    return {
      ok: true,
      principalId: String(result.principalId ?? ''),
      context: {
        // REST APIs hand context values to the integration as strings (a Map<String,String> inside).
        ...Object.fromEntries(Object.entries(result.context ?? {}).map(([k, v]) => [k, v === null ? null : String(v)])),
        principalId: result.principalId,
        integrationLatency: fromCache ? 0 : Math.round(performance.now() - started),
      },
      usageIdentifierKey: typeof result.usageIdentifierKey === 'string' ? result.usageIdentifierKey : undefined,
    };
  }

  private cached(key: string): AuthorizerResult | undefined {
    const entry = this.cache.get(key);
    if (entry && entry.expires > Date.now()) return entry.result;
    this.cache.delete(key);
    return undefined;
  }
}

/**
 * A policy document is required; context values must be strings, numbers or booleans. AWS fails
 * a nested context only when it builds the integration request, with the same 500.
 */
function isValid(result: AuthorizerResult): boolean {
  if (!result || typeof result !== 'object' || !result.policyDocument || typeof result.policyDocument !== 'object') return false;
  return Object.values(result.context ?? {}).every((v) => ['string', 'number', 'boolean'].includes(typeof v) || v === null);
}

function identityValue(source: string, request: GatewayRequest, api: ApiModel): string | undefined {
  const [, kind, name] = /^(method\.request\.header|method\.request\.querystring|stageVariables)\.(.+)$/.exec(source) ?? [];
  if (kind === 'method.request.header') return header(request, name!);
  if (kind === 'method.request.querystring') return request.query.get(name!) ?? undefined;
  if (kind === 'stageVariables') return api.stages.get(request.stage)?.[name!];
  return undefined;
}
