/** RefundStore on the single table: refunds live under their payment (`PAY#<payNo>` / `REF#<refundNo>`). */
import { ledgerWrites } from '../../ledger/ledger-store.ts';
import { batchGet, type ItemKey } from './batch-get.ts';
import { claimPut } from './idempotency-claim.ts';
import { itemsUnderPayment } from './items-under.ts';
import { QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { documentClient, tableName } from '../../aws/dynamodb.ts';
import type { Payment } from '../../domain/payment.ts';
import type { Refund } from '../../domain/refund.ts';
import type { PaymentStatus } from '../../domain/status-machine.ts';
import type { IdempotencyClaim, IdempotencyRecord } from '../payment-store.ts';
import type { OpenRefund, OpenRefundCheck, RefundInsertOutcome, RefundStore } from '../refund-store.ts';
import { OPEN_SHARDS, openRefundIndex, openRefundPartition, paymentKey, refundKey, withoutKeys } from './keys.ts';
import { refundNotificationPuts } from './notification-items.ts';
import { getRefund } from './refund-reader.ts';
import { conditionalWrite, transactWrite } from './transactions.ts';

const OPEN = { ':pending': 'PENDING', ':processing': 'PROCESSING' };

export class DynamoRefundStore implements RefundStore {
  async insert(refund: Refund, from: readonly PaymentStatus[], claim?: IdempotencyClaim, open?: OpenRefundCheck): Promise<RefundInsertOutcome> {
    const TableName = tableName();
    const statuses = Object.fromEntries(from.map((s, i) => [`:s${i}`, s]));
    const result = await transactWrite({
      TransactItems: [
        ...(claim ? [claimPut(TableName, claim, { payNo: refund.payNo, refundNo: refund.refundNo, createdAt: refund.createdAt })] : []),
        {
          Put: {
            TableName,
            Item: {
              ...refundKey(refund.payNo, refund.refundNo),
              ...(open ? { ...openRefundIndex(refund.payNo, refund.refundNo, open.nextCheckAt), ...open, checks: 0 } : {}),
              entity: 'refund',
              ...refund,
            },
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

  markProcessing(refund: Refund, providerRefundNo: string | undefined, at: string, nextCheckAt?: string) {
    const check = nextCheckAt ? { ...openRefundIndex(refund.payNo, refund.refundNo, nextCheckAt), nextCheckAt } : undefined;
    return conditionalWrite(
      documentClient().send(
        new UpdateCommand({
          TableName: tableName(),
          Key: refundKey(refund.payNo, refund.refundNo),
          UpdateExpression: `SET #s = :processing, updatedAt = :at${providerRefundNo ? ', providerRefundNo = :prn' : ''}${check ? ', GSI1PK = :g1pk, GSI1SK = :g1sk, nextCheckAt = :next' : ''}`,
          ConditionExpression: '#s = :pending',
          ExpressionAttributeNames: { '#s': 'status' },
          ExpressionAttributeValues: {
            ...OPEN,
            ':at': at,
            ...(providerRefundNo ? { ':prn': providerRefundNo } : {}),
            ...(check ? { ':g1pk': check.GSI1PK, ':g1sk': check.GSI1SK, ':next': check.nextCheckAt } : {}),
          },
        }),
      ),
    );
  }

  async settleSucceeded(
    refund: Refund,
    providerRefundNo: string | undefined,
    at: string,
    payment?: { current: Payment; to: PaymentStatus },
  ) {
    const TableName = tableName();
    // The outbox: the merchant's notification of the payment's move, committed with it.
    const notification = payment ? refundNotificationPuts(TableName, refund, at, payment) : [];
    // A ledger payment's reversing flows for this refund (lib/ledger/postings.ts), committed with it.
    const reversal = payment
      ? await ledgerWrites(
          payment.current,
          { ...payment.current, status: payment.to, refundedAmount: (payment.current.refundedAmount ?? 0) + refund.amount, updatedAt: at },
          refund.refundNo,
        )
      : undefined;
    const result = await transactWrite({
      TransactItems: [
        {
          Update: {
            TableName,
            Key: refundKey(refund.payNo, refund.refundNo),
            UpdateExpression: `SET #s = :succeeded, updatedAt = :at${providerRefundNo ? ', providerRefundNo = :prn' : ''} REMOVE GSI1PK, GSI1SK, nextCheckAt`,
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
                  ':v': payment.current.version,
                  ':from': payment.current.status,
                },
              },
            }, ...notification, ...(reversal?.items ?? [])]
          : []),
      ],
    }, reversal?.options);
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
            UpdateExpression: 'SET #s = :failed, failure = :failure, updatedAt = :at REMOVE GSI1PK, GSI1SK, nextCheckAt',
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

  get(payNo: string, refundNo: string) {
    return getRefund(payNo, refundNo);
  }

  /** One Query per shard, in parallel; the index is eventually consistent, so the sweep re-reads before it writes. */
  async dueForCheck(now: string, limitPerShard: number): Promise<OpenRefund[]> {
    const shards = await Promise.all(
      Array.from({ length: OPEN_SHARDS }, (_, shard) =>
        documentClient().send(
          new QueryCommand({
            TableName: tableName(),
            IndexName: 'GSI1',
            // Sort keys start with the ISO time: everything up to `now` (then `#...`) is due.
            KeyConditionExpression: 'GSI1PK = :pk AND GSI1SK < :after',
            ExpressionAttributeValues: { ':pk': openRefundPartition(shard), ':after': `${now}$` },
            Limit: limitPerShard,
          }),
        ),
      ),
    );
    const refunds = await batchGet(tableName(), shards.flatMap(({ Items = [] }) => Items as ItemKey[]));
    return refunds.map((item) => withoutKeys<OpenRefund>({ checks: 0, ...item }));
  }

  deferCheck(refund: Refund, nextCheckAt: string, checks: number) {
    const index = openRefundIndex(refund.payNo, refund.refundNo, nextCheckAt);
    return conditionalWrite(
      documentClient().send(
        new UpdateCommand({
          TableName: tableName(),
          Key: refundKey(refund.payNo, refund.refundNo),
          UpdateExpression: 'SET GSI1PK = :g1pk, GSI1SK = :g1sk, nextCheckAt = :next, checks = :checks',
          ConditionExpression: '#s IN (:pending, :processing)',
          ExpressionAttributeNames: { '#s': 'status' },
          ExpressionAttributeValues: { ...OPEN, ':g1pk': index.GSI1PK, ':g1sk': index.GSI1SK, ':next': nextCheckAt, ':checks': checks },
        }),
      ),
    );
  }

  /** ULIDs sort by time: the list comes oldest first. */
  list(payNo: string) {
    return itemsUnderPayment<Refund>(payNo, 'REF#');
  }
}
