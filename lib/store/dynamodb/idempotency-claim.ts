/**
 * The Idempotency-Key claim as a Put, in a transaction with what it creates (a refund, a ledger
 * payment) or before it (a payment): new keys only, and the old claim returned when the key is taken.
 */
import type { IdempotencyClaim } from '../payment-store.ts';
import { idempotencyKey } from './keys.ts';

/** Keys are kept at least 24 h (DynamoDB TTL deletes them some time after). */
export const IDEMPOTENCY_TTL_SECONDS = 24 * 3600 + 3600;

export function claimPut(
  TableName: string,
  claim: IdempotencyClaim,
  created: { payNo: string; refundNo?: string; createdAt: string },
) {
  const { createdAt, ...names } = created;
  return {
    Put: {
      TableName,
      Item: {
        ...idempotencyKey(claim.companyId, claim.key),
        entity: 'idempotency',
        ...claim,
        ...names,
        ttl: Math.floor(Date.parse(createdAt) / 1000) + IDEMPOTENCY_TTL_SECONDS,
      },
      ConditionExpression: 'attribute_not_exists(PK)',
      ReturnValuesOnConditionCheckFailure: 'ALL_OLD' as const,
    },
  };
}
