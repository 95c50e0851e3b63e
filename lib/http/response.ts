/** Every API reply is built here: JSON, the API version, and the one error shape. */
import type { APIGatewayProxyResult } from 'aws-lambda';
import { PayeeError } from '../domain/errors.ts';

/** Date-based API version (the `Payee-Version` header): bumped only by breaking changes. */
export const API_VERSION = '2026-11-24';
export const API_VERSIONS = [API_VERSION] as const;

const STATUS: Record<PayeeError['type'], number> = {
  invalid_request: 400,
  // API Gateway answers 403 for a missing, unknown or disabled key: payee's own key refusals match.
  authentication: 403,
  not_found: 404,
  conflict: 409,
  idempotency: 409,
  provider: 503,
  unavailable: 503,
  internal: 500,
};

export function json(statusCode: number, body: unknown, headers: Record<string, string> = {}): APIGatewayProxyResult {
  return {
    statusCode,
    headers: { 'Content-Type': 'application/json; charset=utf-8', 'Payee-Version': API_VERSION, ...headers },
    body: JSON.stringify(body),
  };
}

export function statusOf(err: PayeeError): number {
  if (err.code === 'idempotency_key_reused') return 422;
  return STATUS[err.type];
}

export function errorReply(err: PayeeError, requestId: string): APIGatewayProxyResult {
  const body = { error: { type: err.type, code: err.code, message: err.message, param: err.param, payNo: err.payNo, requestId } };
  return json(statusOf(err), body, statusOf(err) === 503 ? { 'Retry-After': '2' } : {});
}

export function internalErrorReply(requestId: string): APIGatewayProxyResult {
  return json(500, {
    error: { type: 'internal', code: 'internal_error', message: 'Something went wrong on our side; it is safe to retry', requestId },
  });
}
