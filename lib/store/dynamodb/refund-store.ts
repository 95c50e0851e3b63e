/** RefundStore on the single table: refunds live under their payment (`PAY#<payNo>` / `REF#<refundNo>`). */
import { claimPut } from './idempotency-claim.ts';
import { itemsUnderPayment } from './items-under.ts';
import { GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { documentClient, tableName } from '../../aws/dynamodb.ts';
import type { Refund } from '../../domain/refund.ts';
import type { PaymentStatus } from '../../domain/status-machine.ts';
import type { IdempotencyClaim, IdempotencyRecord } from '../payment-store.ts';
import type { RefundInsertOutcome, RefundStore } from '../refund-store.ts';
import { paymentKey, refundKey, withoutKeys } from './keys.ts';
import { conditionalWrite, transactWrite } from './transactions.ts';

const OPEN = { ':pending': 'PENDING', ':processing': 'PROCESSING' };

export class DynamoRefundStore implements RefundStore {
  async insert(refund: Refund, from: readonly PaymentStatus[], claim?: IdempotencyClaim): Promise<RefundInsertOutcome> {
    const TableName = tableName();
    const statuses = Object.fromEntries(from.map((s, i) => [`:s${i}`, s]));
    const result = await transactWrite({
      TransactItems: [
        ...(claim ? [claimPut(TableName, claim, { payNo: refund.payNo, refundNo: refund.refundNo, createdAt: refund.createdAt })] : []),
        {
          Put: {
            TableName,
            Item: { ...refundKey(refund.payNo, refund.refundNo), entity: 'refund', ...refund },
            ConditionExpression: 'attribute_not_exists(PK)',
          },
        },
        {
          Update: {
            TableName,
            Key: paymentKey(refund.payNo),
            // The version moves too, so that a concurrent whole-item write of the payment (status
            // worker) fails its condition and reads the new refundableAmount.
            UpdateExpression: 'SET refundableAmount = refundableAmount - :amount, version = version + :one, updatedAt = :at',
            ConditionExpression: `refundableAmount >= :amount AND #s IN (${Object.keys(statuses).join(', ')})`,
            ExpressionAttributeNames: { '#s': 'status' },
            ExpressionAttributeValues: { ':amount': refund.amount, ':one': 1, ':at': refund.createdAt, ...statuses },
            ReturnValuesOnConditionCheckFailure: 'ALL_OLD' as const,
          },
        },
      ],
    });
    if (result.ok) return { ok: true };
    if (claim && result.conditionFailed[0]) {
      return { ok: false, reason: 'idempotency_key_taken', record: withoutKeys<IdempotencyRecord>(result.failed[0]!) };
    }
    const old = result.failed.at(-1);
    const status = old?.status as PaymentStatus | undefined;
    return {
      ok: false,
      reason: status && from.includes(status) ? 'exceeds_refundable' : 'not_refundable',
      status,
      refundableAmount: old?.refundableAmount as number | undefined,
    };
  }

  markProcessing(refund: Refund, providerRefundNo: string | undefined, at: string) {
    return conditionalWrite(
      documentClient().send(
        new UpdateCommand({
          TableName: tableName(),
          Key: refundKey(refund.payNo, refund.refundNo),
          UpdateExpression: `SET #s = :processing, updatedAt = :at${providerRefundNo ? ', providerRefundNo = :prn' : ''}`,
          ConditionExpression: '#s = :pending',
          ExpressionAttributeNames: { '#s': 'status' },
          ExpressionAttributeValues: { ...OPEN, ':at': at, ...(providerRefundNo ? { ':prn': providerRefundNo } : {}) },
        }),
      ),
    );
  }

  async settleSucceeded(
    refund: Refund,
    providerRefundNo: string | undefined,
    at: string,
    payment?: { expected: { version: number; status: PaymentStatus }; to: PaymentStatus },
  ) {
    const TableName = tableName();
    const result = await transactWrite({
      TransactItems: [
        {
          Update: {
            TableName,
            Key: refundKey(refund.payNo, refund.refundNo),
            UpdateExpression: `SET #s = :succeeded, updatedAt = :at${providerRefundNo ? ', providerRefundNo = :prn' : ''}`,
            ConditionExpression: '#s IN (:pending, :processing)',
            ExpressionAttributeNames: { '#s': 'status' },
            ExpressionAttributeValues: { ...OPEN, ':succeeded': 'SUCCEEDED', ':at': at, ...(providerRefundNo ? { ':prn': providerRefundNo } : {}) },
          },
        },
        ...(payment
          ? [{
              Update: {
                TableName,
                Key: paymentKey(refund.payNo),
                UpdateExpression:
                  'SET #s = :to, refundedAmount = if_not_exists(refundedAmount, :zero) + :amount, version = version + :one, updatedAt = :at',
                ConditionExpression: 'version = :v AND #s = :from',
                ExpressionAttributeNames: { '#s': 'status' },
                ExpressionAttributeValues: {
                  ':to': payment.to,
                  ':zero': 0,
                  ':amount': refund.amount,
                  ':one': 1,
                  ':at': at,
                  ':v': payment.expected.version,
                  ':from': payment.expected.status,
                },
              },
            }]
          : []),
      ],
    });
    if (result.ok) return 'stored';
    return result.conditionFailed[0] ? 'settled' : 'stale';
  }

  async settleFailed(refund: Refund, failure: { code: string; message: string }, at: string) {
    const TableName = tableName();
    const result = await transactWrite({
      TransactItems: [
        {
          Update: {
            TableName,
            Key: refundKey(refund.payNo, refund.refundNo),
            UpdateExpression: 'SET #s = :failed, failure = :failure, updatedAt = :at',
            ConditionExpression: '#s IN (:pending, :processing)',
            ExpressionAttributeNames: { '#s': 'status' },
            ExpressionAttributeValues: { ...OPEN, ':failed': 'FAILED', ':failure': failure, ':at': at },
          },
        },
        {
          Update: {
            TableName,
            Key: paymentKey(refund.payNo),
            UpdateExpression: 'SET refundableAmount = refundableAmount + :amount, version = version + :one, updatedAt = :at',
            ConditionExpression: 'attribute_exists(PK)',
            ExpressionAttributeValues: { ':amount': refund.amount, ':one': 1, ':at': at },
          },
        },
      ],
    });
    return result.ok;
  }

  async get(payNo: string, refundNo: string) {
    const { Item } = await documentClient().send(
      new GetCommand({ TableName: tableName(), Key: refundKey(payNo, refundNo), ConsistentRead: true }),
    );
    return Item ? withoutKeys<Refund>(Item) : undefined;
  }

  /** ULIDs sort by time: the list comes oldest first. */
  list(payNo: string) {
    return itemsUnderPayment<Refund>(payNo, 'REF#');
  }
}
