/**
 * One typed error family for the whole domain. `lib/http/errors.ts` maps each kind to an HTTP
 * status in one place; nothing else in lib/ knows about HTTP.
 */
export type ErrorType =
  | 'invalid_request'
  | 'authentication'
  | 'not_found'
  | 'conflict'
  | 'idempotency'
  | 'provider'
  | 'unavailable'
  | 'internal';

export class PayeeError extends Error {
  constructor(
    readonly type: ErrorType,
    readonly code: string,
    message: string,
    readonly param?: string,
    /** The existing payment the error is about (a duplicate outTradeNo), for the caller to fetch. */
    readonly payNo?: string,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** 400: the request is wrong; `param` names the field. */
export class InvalidRequest extends PayeeError {
  constructor(code: string, message: string, param?: string) {
    super('invalid_request', code, message, param);
  }
}

/** 403: the API key is no longer valid (a rotated key past its overlap), as API Gateway refuses a disabled one. */
export class ApiKeyRefused extends PayeeError {
  constructor(code: string, message: string) {
    super('authentication', code, message, 'x-api-key');
  }
}

/** 404: absent, or belongs to another company (never say which). */
export class NotFound extends PayeeError {
  constructor(what: string, param?: string) {
    super('not_found', 'resource_missing', `No such ${what}`, param);
  }
}

/** 409: the request conflicts with the current state. */
export class Conflict extends PayeeError {
  constructor(code: string, message: string, param?: string, payNo?: string) {
    super('conflict', code, message, param, payNo);
  }
}

/** 422 (`idempotency_key_reused`) or 409 (`idempotency_key_in_use`). */
export class IdempotencyError extends PayeeError {
  constructor(code: 'idempotency_key_reused' | 'idempotency_key_in_use', message: string) {
    super('idempotency', code, message, 'Idempotency-Key');
  }
}

/**
 * The provider could not be reached or answered 5xx / garbage: the outcome is unknown.
 * Never turned into FAILED; the payment stays as it is and is asked about again later.
 */
export class ProviderUnavailable extends PayeeError {
  constructor(message: string, override readonly cause?: unknown) {
    super('provider', 'provider_unavailable', message);
  }
}

/**
 * 503: one of payee's own services (DynamoDB, SQS, API Gateway's API) did not answer in time or
 * refused for load. Nothing half-done is left that a retry with the same Idempotency-Key cannot
 * finish.
 */
export class ServiceUnavailable extends PayeeError {
  constructor(override readonly cause?: unknown) {
    super('unavailable', 'service_unavailable', 'payee could not reach its storage in time; retry with the same Idempotency-Key');
  }
}
