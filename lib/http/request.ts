/** Reading an API Gateway proxy event: headers case-insensitively, a JSON body strictly. */
import type { APIGatewayProxyEvent } from 'aws-lambda';
import { ApiKeyRefused, InvalidRequest } from '../domain/errors.ts';

export function header(event: APIGatewayProxyEvent, name: string): string | undefined {
  const wanted = name.toLowerCase();
  for (const [k, v] of Object.entries(event.headers ?? {})) if (k.toLowerCase() === wanted) return v ?? undefined;
  return undefined;
}

export function jsonBody(event: APIGatewayProxyEvent): unknown {
  const type = header(event, 'content-type');
  if (!type || !/^application\/json\s*(;\s*charset=utf-8\s*)?$/i.test(type)) {
    throw new InvalidRequest('unsupported_content_type', 'Content-Type must be application/json', 'Content-Type');
  }
  const text = event.isBase64Encoded ? Buffer.from(event.body ?? '', 'base64').toString('utf8') : (event.body ?? '');
  try {
    return JSON.parse(text);
  } catch {
    throw new InvalidRequest('invalid_json', 'The request body is not valid JSON', 'body');
  }
}

/**
 * The company the authorizer resolved from the API key. API Gateway caches the authorizer's answer
 * (60 s), so a rotated key's end (keyExpiresAt) is checked here, on every request, to the second.
 */
export function companyOf(event: APIGatewayProxyEvent): string {
  const { companyId, keyExpiresAt } = event.requestContext.authorizer ?? {};
  if (typeof companyId !== 'string' || !companyId) throw new Error('authorizer context has no companyId');
  if (typeof keyExpiresAt === 'string' && keyExpiresAt && new Date(keyExpiresAt) <= new Date()) {
    throw new ApiKeyRefused('api_key_expired', `This API key was rotated and expired at ${keyExpiresAt}; use its successor`);
  }
  return companyId;
}

/** The caller's company and its ancestors, root first (lib/payments/visibility.ts): a new payment keeps it. */
export function companyPathOf(event: APIGatewayProxyEvent): string[] {
  const path = event.requestContext.authorizer?.companyPath;
  return typeof path === 'string' && path ? path.split('/') : [companyOf(event)];
}

/**
 * The public base URL this API was called on (scheme, host and stage or base path), from which
 * provider callback URLs are built: correct behind execute-api, a custom domain, or the local
 * emulator, without a circular reference from the function to its own API in the template.
 */
export function publicBaseUrl(event: APIGatewayProxyEvent): string {
  if (process.env.PAYEE_PUBLIC_URL) return process.env.PAYEE_PUBLIC_URL.replace(/\/$/, '');
  const proto = header(event, 'x-forwarded-proto') ?? 'https';
  const fullPath = event.requestContext.path ?? event.path;
  const prefix = fullPath.endsWith(event.path) ? fullPath.slice(0, fullPath.length - event.path.length) : '';
  return `${proto}://${event.requestContext.domainName}${prefix}`;
}
