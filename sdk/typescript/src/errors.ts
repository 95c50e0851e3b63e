/**
 * One error family: each API `error.type` has its class, and the failures that never reach payee's
 * code (API Gateway's 403 and 429, a lost connection) have theirs. Every error carries what the
 * API said: `type`, `code`, `param`, `payNo`, `requestId`, the HTTP `status`.
 */
import type { ErrorType, Payment, Refund } from './models.ts';

export interface ErrorDetails {
  /** The API's `error.type`, or for refusals made before payee's code runs: `rate_limit`, `connection`, ... */
  type?: string;
  code?: string;
  param?: string;
  /** The existing payment the error is about (`duplicate_out_trade_no`). */
  payNo?: string;
  requestId?: string;
  status?: number;
  /** What `Retry-After` asked for, in milliseconds. */
  retryAfterMs?: number;
  headers?: Headers;
  cause?: unknown;
}

export class PayeeError extends Error {
  readonly type?: string;
  readonly code?: string;
  readonly param?: string;
  readonly payNo?: string;
  readonly requestId?: string;
  readonly status?: number;
  readonly retryAfterMs?: number;
  readonly headers?: Headers;

  constructor(message: string, details: ErrorDetails = {}) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.name = new.target.name;
    this.type = details.type;
    this.code = details.code;
    this.param = details.param;
    this.payNo = details.payNo;
    this.requestId = details.requestId;
    this.status = details.status;
    this.retryAfterMs = details.retryAfterMs;
    this.headers = details.headers;
  }
}

/** 400: the request is wrong; `param` names the field. */
export class InvalidRequestError extends PayeeError {}
/** 403: a missing, unknown, disabled or expired API key. */
export class AuthenticationError extends PayeeError {}
/** 404: no such payment (or one another company owns), or no such route. */
export class NotFoundError extends PayeeError {}
/** 409: the request conflicts with the payment's state (`duplicate_out_trade_no` names the payment in `payNo`). */
export class ConflictError extends PayeeError {}
/** 409 `idempotency_key_in_use` (retried) or 422 `idempotency_key_reused` (another body under the same key). */
export class IdempotencyError extends PayeeError {}
/** 429: over the API key's usage plan. */
export class RateLimitError extends PayeeError {}
/** 503 `provider_unavailable`: the provider did not answer; the outcome is unknown, retry with the same key. */
export class ProviderUnavailableError extends PayeeError {}
/** 503 `service_unavailable`: payee's storage did not answer in time; retry with the same key. */
export class ServiceUnavailableError extends PayeeError {}
/** 500, or any other answer the API does not document (a gateway's 502, a body that is not JSON). */
export class APIError extends PayeeError {}
/** No answer: the connection failed, was dropped, or the request timed out. */
export class ConnectionError extends PayeeError {}
/** A notification whose Payee-Signature does not verify, or whose timestamp is too far off. */
export class SignatureVerificationError extends PayeeError {}

/** A waiter's deadline passed before the payment (or refund) reached a status waited for. */
export class WaitTimeoutError extends PayeeError {
  /** What the last poll saw. */
  readonly last: Payment | Refund;

  constructor(message: string, last: Payment | Refund) {
    super(message, { type: 'wait_timeout' });
    this.last = last;
  }
}

export const ERROR_CLASSES: Record<ErrorType, typeof PayeeError> = {
  invalid_request: InvalidRequestError,
  authentication: AuthenticationError,
  not_found: NotFoundError,
  conflict: ConflictError,
  idempotency: IdempotencyError,
  provider: ProviderUnavailableError,
  unavailable: ServiceUnavailableError,
  internal: APIError,
};

/** An answer's error: the API's own shape when there is one, else what its status says. */
export function errorFromResponse(status: number, body: unknown, headers: Headers, retryAfterMs?: number): PayeeError {
  const error = (body as { error?: Record<string, unknown> } | null)?.error;
  const base = { status, headers, retryAfterMs, requestId: error?.requestId as string | undefined ?? headers.get('x-amzn-requestid') ?? undefined };
  if (error && typeof error.type === 'string') {
    const Class = ERROR_CLASSES[error.type as ErrorType] ?? APIError;
    return new Class(String(error.message ?? `HTTP ${status}`), {
      ...base,
      type: error.type,
      code: error.code as string | undefined,
      param: error.param as string | undefined,
      payNo: error.payNo as string | undefined,
    });
  }
  // API Gateway's own refusals: {"message": "..."} (or "Message" for an IAM deny), before any function.
  const gateway = body as { message?: string; Message?: string } | null;
  const message = gateway?.message ?? gateway?.Message ?? `HTTP ${status}`;
  if (status === 403) return new AuthenticationError(message, { ...base, type: 'authentication' });
  if (status === 429) return new RateLimitError(message, { ...base, type: 'rate_limit' });
  if (status === 404) return new NotFoundError(message, { ...base, type: 'not_found' });
  return new APIError(message, { ...base, type: 'api' });
}
