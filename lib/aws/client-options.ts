/**
 * Timeouts and retries of every AWS client a function makes. A service that stops answering must
 * end the request with the API's 503 well before the function's own timeout kills it (a bare 502
 * from API Gateway): PayeeFunction sets PAYEE_AWS_TIMEOUT_MS to a third of the function's timeout,
 * so two attempts and the back-off between them fit inside it.
 */
const DEFAULT_TIMEOUT_MS = 3000;

export function awsClientOptions() {
  const requestTimeout = Number(process.env.PAYEE_AWS_TIMEOUT_MS) || DEFAULT_TIMEOUT_MS;
  return {
    maxAttempts: 2,
    // Without throwOnRequestTimeout, this version of the HTTP handler only logs a warning and waits on.
    requestHandler: { connectionTimeout: Math.min(1000, requestTimeout), requestTimeout, throwOnRequestTimeout: true },
  };
}

/** Network failures of the HTTP layer under the SDK (no AWS error code). */
const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENOTFOUND', 'EAI_AGAIN']);

/** Errors that say an AWS service was slow, overloaded or unreachable, not that the request was wrong. */
const UNAVAILABLE_NAMES = new Set([
  'TimeoutError',
  'RequestTimeout',
  'RequestTimeoutException',
  'ThrottlingException',
  'Throttling',
  'ProvisionedThroughputExceededException',
  'RequestLimitExceeded',
  'TooManyRequestsException',
  'LimitExceededException',
  'InternalServerError',
  'InternalFailure',
  'ServiceUnavailable',
  'ServiceUnavailableException',
  'TransactionInProgressException',
]);

/** Whether `err` (from an AWS SDK call) means the service is unavailable for now, so a retry may succeed. */
export function isAwsUnavailable(err: unknown): boolean {
  if (!(err instanceof Error)) return false;
  const e = err as Error & { code?: string; $metadata?: { httpStatusCode?: number }; CancellationReasons?: { Code?: string }[] };
  if (UNAVAILABLE_NAMES.has(e.name)) return true;
  if (e.code && NETWORK_CODES.has(e.code)) return true;
  // A transaction still in conflict after transactWrite's retries: a moment later it goes through.
  if (e.name === 'TransactionCanceledException' && e.CancellationReasons?.some((r) => r.Code === 'TransactionConflict' || r.Code === 'ThrottlingError')) return true;
  const status = e.$metadata?.httpStatusCode;
  return status !== undefined && status >= 500;
}
