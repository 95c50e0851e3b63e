/**
 * The Idempotency-Key claim shared by every POST that takes one (create, refund). The claim is
 * written before the thing it creates (a payment: lib/payments/create-payment.ts) or in one
 * transaction with it (a refund) and never rewritten: the thing it names says whether the request
 * is done (and what to replay); a claim without its thing is an attempt still running, or one that
 * stopped before writing it. A provider timeout gives the key back
 * (`releaseClaim`), so a retry with it resumes the same thing at once.
 */
import { IdempotencyError, InvalidRequest } from '../domain/errors.ts';
import type { IdempotencyClaim, IdempotencyRecord, PaymentStore } from '../store/payment-store.ts';
import { requestHash } from './request-hash.ts';

export type ClaimResolution<T> =
  | { kind: 'replayed'; statusCode: number; body: unknown }
  | { kind: 'resume'; subject: T };

/** The claim a request makes on its key, or undefined without a key. */
export function claimFor(
  companyId: string,
  key: string | undefined,
  request: unknown,
  now: Date,
  leaseMs: number,
): IdempotencyClaim | undefined {
  return key ? { companyId, key, bodyHash: requestHash(request), lockedUntil: now.getTime() + leaseMs } : undefined;
}

/** The Idempotency-Key header, checked: 1-255 printable ASCII characters. */
export function idempotencyKeyOf(headerValue: string | undefined): string | undefined {
  if (headerValue !== undefined && !/^[\x21-\x7e]{1,255}$/.test(headerValue)) {
    throw new InvalidRequest('parameter_invalid', 'Idempotency-Key must be 1-255 printable ASCII characters', 'Idempotency-Key');
  }
  return headerValue;
}


/**
 * The key was used before: replay the finished request, refuse another body or a request still
 * running, or take over an abandoned attempt (its lease expired, or it gave the key back).
 */
export async function resumeClaim<T>(
  deps: { payments: PaymentStore; now: () => Date },
  claim: IdempotencyClaim,
  record: IdempotencyRecord,
  subject: {
    /** The thing the first request created, as stored now. */
    load(record: IdempotencyRecord): Promise<T | undefined>;
    /** The reply to replay when the first request is done; undefined while it is not. */
    replay(subject: T, record: IdempotencyRecord): { statusCode: number; body: unknown } | undefined;
  },
): Promise<ClaimResolution<T>> {
  if (record.bodyHash !== claim.bodyHash) {
    throw new IdempotencyError('idempotency_key_reused', 'This Idempotency-Key was used with a different request body');
  }
  const inUse = () =>
    new IdempotencyError('idempotency_key_in_use', 'A request with this Idempotency-Key is still being processed; retry shortly');
  const first = await subject.load(record);
  if (first === undefined) throw inUse();
  const done = subject.replay(first, record);
  if (done) return { kind: 'replayed', ...done };
  if (record.lockedUntil > deps.now().getTime()) throw inUse();
  if (!(await deps.payments.takeOverClaim(record, claim.lockedUntil))) throw inUse();
  return { kind: 'resume', subject: first };
}
