/** PaymentStore on the single DynamoDB table. Every call is one round trip (insert with a claim: two; list: one per month of its bounded range, and one BatchGetItem per page). */
import { batchGet, type ItemKey } from './batch-get.ts';
import { claimPut } from './idempotency-claim.ts';
import { getPayment, getPayments } from './payment-reader.ts';
import { itemsUnderPayment } from './items-under.ts';
import { PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { documentClient, tableName } from '../../aws/dynamodb.ts';
import { payNoOf } from '../../domain/ids.ts';
import { isOpen, type Payment } from '../../domain/payment.ts';
import { chinaDayOf } from '../../statements/china-day.ts';
import { InvalidRequest } from '../../domain/errors.ts';
import type { PaymentEventRecord } from '../../domain/payment-event.ts';
import type { DueCursor, IdempotencyClaim, IdempotencyRecord, InsertOutcome, ListPage, PaymentStore, RecordOutcome } from '../payment-store.ts';
import {
  openPaymentSortKey,
  openPaymentsPartition,
  openShardOf,
  PAID_SHARDS,
  paidDayIndex,
  paidDayPartition,
  createdMonthIndex,
  createdMonthPartition,
  eventKey,
  idempotencyKey,
  paymentKey,
  withoutKeys,
} from './keys.ts';
import { paymentUpdate } from './payment-update.ts';
import { conditionalWrite, conditionalWriteOrItem, transactWrite } from './transactions.ts';
import { ledgerWrites } from '../../ledger/ledger-store.ts';

/** An open payment's place in the reconciler's work list (GSI1). */
const openIndexKeys = (payNo: string, nextCheckAt: string) => ({
  GSI1PK: openPaymentsPartition(openShardOf(payNo)),
  GSI1SK: openPaymentSortKey(nextCheckAt, payNo),
});

const PAID = new Set<Payment['status']>(['SUCCEEDED', 'PARTIALLY_REFUNDED', 'REFUNDED']);

/**
 * The payment's GSI1 entry: the reconciler's work list while open, its config's paid day once paid
 * (a payment the provider reports refunded before payee saw it paid has no paidAt: the day of that
 * report), none when closed or failed.
 */
function indexKeysOf(p: Payment): { GSI1PK?: string; GSI1SK?: string } {
  if (isOpen(p.status)) return openIndexKeys(p.payNo, p.nextCheckAt ?? p.createdAt);
  if (PAID.has(p.status)) {
    const paidAt = p.paidAt ?? p.updatedAt;
    return paidDayIndex(p.payId, chinaDayOf(new Date(paidAt)), paidAt, p.payNo);
  }
  return {};
}

/** The GSI1 keys to write when a payment goes from `before` to `after`: none when its entry stays. */
function indexChange(before: Payment, after: Payment) {
  const from = indexKeysOf(before);
  const to = indexKeysOf(after);
  // Between paid statuses the entry stays where the payment became paid.
  if (PAID.has(before.status) && PAID.has(after.status)) return {};
  if (from.GSI1PK === to.GSI1PK && from.GSI1SK === to.GSI1SK) return {};
  return { GSI1PK: to.GSI1PK, GSI1SK: to.GSI1SK };
}

const paymentItem = (p: Payment) => ({ ...paymentKey(p.payNo), entity: 'payment', ...indexKeysOf(p), ...p });

export class DynamoPaymentStore implements PaymentStore {
  /**
   * The payment's conditional put is its outTradeNo's guard (its payNo is the outTradeNo's,
   * payNoOf): 1 write and its two index entries. A claim is put before it, on its own: a claim
   * without its payment is an attempt that stopped in between, resumed once its lease ends
   * (lib/payments/create-payment.ts). A ledger payment's holds commit with it in one transaction.
   */
  async insert(payment: Payment, claim?: IdempotencyClaim): Promise<InsertOutcome> {
    const TableName = tableName();
    const put = {
      TableName,
      Item: { ...paymentItem(payment), ...createdMonthIndex(payment.companyId, payment.createdAt) },
      ConditionExpression: 'attribute_not_exists(PK)',
    };
    const claimItem = claim && claimPut(TableName, claim, { payNo: payment.payNo, createdAt: payment.createdAt });
    const duplicate = { ok: false, reason: 'duplicate_out_trade_no' } as const;
    const ledger = await ledgerWrites(undefined, payment);
    if (ledger.items.length) {
      const items = [...(claimItem ? [claimItem] : []), { Put: put }];
      const result = await transactWrite({ TransactItems: [...items, ...ledger.items] }, ledger.options);
      if (result.ok) return { ok: true };
      const refusedBy = ledger.refusedBy.find((_, i) => result.conditionFailed[items.length + i]);
      if (refusedBy) return { ok: false, reason: 'insufficient_funds', accountId: refusedBy };
      if (claimItem && result.conditionFailed[0]) return { ok: false, reason: 'idempotency_key_taken', record: withoutKeys<IdempotencyRecord>(result.failed[0]!) };
      return duplicate;
    }
    if (claimItem) {
      const taken = await conditionalWriteOrItem(documentClient().send(new PutCommand(claimItem.Put)));
      if (taken !== true) return { ok: false, reason: 'idempotency_key_taken', record: withoutKeys<IdempotencyRecord>(taken) };
    }
    // The claim stays when the outTradeNo is taken: it names that payment, which is not its own, and a replay answers duplicate again.
    return (await conditionalWrite(documentClient().send(new PutCommand(put)))) ? { ok: true } : duplicate;
  }

  async update(before: Payment, after: Payment) {
    const TableName = tableName();
    const write = paymentUpdate(TableName, before, after, indexChange(before, after));
    // A ledger payment's move (FAILED at create, or by a provider event) resolves its holds in the same transaction.
    const ledger = await ledgerWrites(before, after);
    if (!ledger.items.length) return conditionalWrite(documentClient().send(new UpdateCommand(write)));
    return (await transactWrite({ TransactItems: [{ Update: write }, ...ledger.items] }, ledger.options)).ok;
  }

  async recordEvent(event: PaymentEventRecord, change?: { before: Payment; payment: Payment }): Promise<RecordOutcome> {
    const TableName = tableName();
    const audit = () =>
      conditionalWrite(
        documentClient().send(
          new PutCommand({ TableName, Item: { ...eventKey(event.payNo, event.eventId), entity: 'event', ...event }, ConditionExpression: 'attribute_not_exists(PK)' }),
        ),
      );
    if (!change) return (await audit()) ? 'stored' : 'duplicate';
    // The move, conditional on the version read; the payment keeps the event's id (lastEvent), so
    // a redelivery knows the move is in without the audit item (lib/callbacks/apply-event.ts), and
    // the notify relay knows from its stream record to notify the merchant (the outbox).
    const moved = await this.update(change.before, change.payment);
    if (!moved) return 'stale';
    // Already there: a redelivery's, after this move was made and before it was acknowledged.
    await audit();
    return 'stored';
  }

  async listEvents(payNo: string) {
    const events = await itemsUnderPayment<PaymentEventRecord>(payNo, 'EVT#');
    return events.sort((a, b) => a.recordedAt.localeCompare(b.recordedAt));
  }

  async releaseClaim(companyId: string, key: string) {
    // A claim that is gone (expired by TTL) needs no releasing.
    await conditionalWrite(
      documentClient().send(
        new UpdateCommand({
          TableName: tableName(),
          Key: idempotencyKey(companyId, key),
          UpdateExpression: 'SET lockedUntil = :zero',
          ConditionExpression: 'attribute_exists(PK)',
          ExpressionAttributeValues: { ':zero': 0 },
        }),
      ),
    );
  }

  takeOverClaim(record: IdempotencyRecord, lockedUntil: number) {
    return conditionalWrite(
      documentClient().send(
        new UpdateCommand({
          TableName: tableName(),
          Key: idempotencyKey(record.companyId, record.key),
          UpdateExpression: 'SET lockedUntil = :new',
          ConditionExpression: 'lockedUntil = :old',
          ExpressionAttributeValues: { ':new': lockedUntil, ':old': record.lockedUntil },
        }),
      ),
    );
  }

  get(payNo: string, options?: { consistent: boolean }) {
    return getPayment(payNo, options);
  }

  getMany(payNos: string[]) {
    return getPayments(payNos);
  }

  async *paidOn(payId: string, day: string) {
    for (let shard = 0; shard < PAID_SHARDS; shard++) {
      let ExclusiveStartKey: Record<string, unknown> | undefined;
      do {
        const page = await documentClient().send(
          new QueryCommand({
            TableName: tableName(),
            IndexName: 'GSI1',
            KeyConditionExpression: 'GSI1PK = :pk',
            ExpressionAttributeValues: { ':pk': paidDayPartition(payId, day, shard) },
            ExclusiveStartKey,
          }),
        );
        const items = await batchGet(tableName(), (page.Items ?? []) as ItemKey[]);
        if (items.length) yield items.map((i) => withoutKeys<Payment>(i));
        ExclusiveStartKey = page.LastEvaluatedKey;
      } while (ExclusiveStartKey);
    }
  }

  /** By the payNo the outTradeNo names, not a GSI: right after a create the answer must already be right. */
  async getByOutTradeNo(companyId: string, outTradeNo: string) {
    const payment = await this.get(payNoOf(companyId, outTradeNo));
    return payment?.companyId === companyId && payment.outTradeNo === outTradeNo ? payment : undefined;
  }

  async dueForCheck(shard: number, due: Date, page: { limit: number; cursor?: DueCursor }) {
    const { Items = [], LastEvaluatedKey } = await documentClient().send(
      new QueryCommand({
        TableName: tableName(),
        IndexName: 'GSI1',
        KeyConditionExpression: 'GSI1PK = :pk AND GSI1SK <= :due',
        // '~' sorts after every payNo character: everything due at or before `due`.
        ExpressionAttributeValues: { ':pk': openPaymentsPartition(shard), ':due': `${due.toISOString()}#~` },
        Limit: page.limit,
        ExclusiveStartKey: page.cursor,
      }),
    );
    const payments = await batchGet(tableName(), Items as ItemKey[]);
    return { payments: payments.map((i) => withoutKeys<Payment>(i)), ...(LastEvaluatedKey ? { cursor: LastEvaluatedKey } : {}) };
  }

  deferCheck(payNo: string, nextCheckAt: string) {
    const { GSI1PK, GSI1SK } = openIndexKeys(payNo, nextCheckAt);
    // Not a state change: the version stays, so no writer of the payment is made to retry.
    return conditionalWrite(
      documentClient().send(
        new UpdateCommand({
          TableName: tableName(),
          Key: paymentKey(payNo),
          UpdateExpression: 'SET nextCheckAt = :next, GSI1PK = :pk, GSI1SK = :sk',
          ConditionExpression: '#s IN (:created, :pending)',
          ExpressionAttributeNames: { '#s': 'status' },
          ExpressionAttributeValues: {
            ':next': nextCheckAt,
            ':pk': GSI1PK,
            ':sk': GSI1SK,
            ':created': 'CREATED',
            ':pending': 'PENDING',
          },
        }),
      ),
    );
  }

  async listByCreatedAt(companyId: string, range: { from: Date; to: Date }, page: { limit: number; cursor?: string }) {
    const from = range.from.toISOString();
    // createdTo is exclusive, and the sort key is the creation time itself.
    const to = new Date(range.to.getTime() - 1).toISOString();
    let { month, startKey } = page.cursor ? decodeCursor(page.cursor) : { month: to.slice(0, 7), startKey: undefined };
    // A cursor of another range would walk months this one does not cover.
    if (month > to.slice(0, 7) || month < from.slice(0, 7)) {
      throw new InvalidRequest('parameter_invalid', 'cursor does not belong to this createdFrom/createdTo range', 'cursor');
    }
    const payments: Payment[] = [];
    while (month >= from.slice(0, 7)) {
      const partition = createdMonthPartition(companyId, `${month}-01`);
      if (startKey && startKey.GSI2PK !== partition) {
        throw new InvalidRequest('parameter_invalid', 'cursor is not a cursor this API returned', 'cursor');
      }
      const { Items = [], LastEvaluatedKey } = await documentClient().send(
        new QueryCommand({
          TableName: tableName(),
          IndexName: 'GSI2',
          KeyConditionExpression: 'GSI2PK = :pk AND GSI2SK BETWEEN :from AND :to',
          ExpressionAttributeValues: { ':pk': partition, ':from': from, ':to': to },
          ScanIndexForward: false,
          Limit: page.limit - payments.length,
          ExclusiveStartKey: startKey,
        }),
      );
      const listed = await batchGet(tableName(), Items as ItemKey[]);
      payments.push(...listed.map((i) => withoutKeys<Payment>(i)));
      if (LastEvaluatedKey) {
        startKey = LastEvaluatedKey;
        if (payments.length >= page.limit) return { payments, nextCursor: encodeCursor(month, startKey) };
        continue;
      }
      month = previousMonth(month);
      startKey = undefined;
      if (payments.length >= page.limit) {
        return month >= from.slice(0, 7) ? { payments, nextCursor: encodeCursor(month) } : { payments };
      }
    }
    return { payments } satisfies ListPage;
  }
}

function previousMonth(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  // toISOString pads years to four digits; so must this, or '999-12' would sort after '1000-01'.
  return m === 1 ? `${String(y - 1).padStart(4, '0')}-12` : `${String(y).padStart(4, '0')}-${String(m - 1).padStart(2, '0')}`;
}

/** Cursors are opaque to clients: the month being read and DynamoDB's position in it. */
function encodeCursor(month: string, startKey?: Record<string, unknown>): string {
  return Buffer.from(JSON.stringify({ m: month, k: startKey })).toString('base64url');
}

function decodeCursor(cursor: string): { month: string; startKey?: Record<string, unknown> } {
  try {
    const { m, k } = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (typeof m === 'string' && /^\d{4}-\d{2}$/.test(m) && (k === undefined || typeof k === 'object')) {
      return { month: m, startKey: k };
    }
  } catch {
    // fall through: any undecodable cursor is the client's error
  }
  throw new InvalidRequest('parameter_invalid', 'cursor is not a cursor this API returned', 'cursor');
}
