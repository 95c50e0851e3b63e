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
  let text: string;
  try {
    text = event.isBase64Encoded ? UTF8.decode(Buffer.from(event.body ?? '', 'base64')) : (event.body ?? '');
  } catch {
    throw new InvalidRequest('invalid_json', 'The request body is not valid UTF-8', 'body');
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new InvalidRequest('invalid_json', 'The request body is not valid JSON', 'body');
  }
  refuseUnstorableText(value, '');
  return value;
}

/** The query string as a map without a prototype, its values checked as body strings are. */
export function queryOf(event: APIGatewayProxyEvent): Record<string, string> {
  const query: Record<string, string> = Object.create(null);
  for (const [name, value] of Object.entries(event.queryStringParameters ?? {})) {
    if (value === undefined) continue;
    refuseUnstorableText(name, name);
    refuseUnstorableText(value, name);
    query[name] = value;
  }
  return query;
}

const UTF8 = new TextDecoder('utf-8', { fatal: true });

/**
 * NUL and other control characters (tab, newline and carriage return aside), unpaired UTF-16
 * surrogates, and U+FFFD — what a decoder makes of bytes that are not UTF-8, so its presence means
 * the request was not valid UTF-8 — cannot be stored and sent to a provider faithfully.
 */
const UNSTORABLE = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F\uFFFD]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
/** Keys that JavaScript objects (and the DynamoDB marshaller) cannot hold as plain data. */
const RESERVED_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/** Throws a 400 naming the first string or key in `value` that payee could not store as given. */
function refuseUnstorableText(value: unknown, path: string): void {
  const param = path || 'body';
  if (typeof value === 'string') {
    if (UNSTORABLE.test(value)) {
      throw new InvalidRequest('parameter_invalid', `${param} must be valid UTF-8 text without NUL, control characters or unpaired surrogates`, param);
    }
  } else if (Array.isArray(value)) {
    value.forEach((item, i) => refuseUnstorableText(item, path ? `${path}.${i}` : String(i)));
  } else if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      const field = path ? `${path}.${key}` : key;
      if (RESERVED_KEYS.has(key)) throw new InvalidRequest('parameter_invalid', `${field}: ${key} is a reserved name and cannot be used as a key`, field);
      refuseUnstorableText(key, field);
      refuseUnstorableText(item, field);
    }
  }
}

/** A path parameter payee could have issued: every id, code and name is a short token. */
const PATH_PARAMETER = /^[A-Za-z0-9_.:-]{1,128}$/;

/** The name of the first path parameter no resource could have, or undefined when all could. */
export function badPathParameter(event: Pick<APIGatewayProxyEvent, 'pathParameters'>): string | undefined {
  for (const [name, value] of Object.entries(event.pathParameters ?? {})) {
    if (value === undefined || !PATH_PARAMETER.test(value)) return name;
  }
  return undefined;
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
