/**
 * Conditional writes as data, not exceptions: TransactWriteItems with cancellation reasons and
 * conflict retries, and single conditional writes answering whether their condition held.
 */
import { ConditionalCheckFailedException, TransactionCanceledException, type CancellationReason } from '@aws-sdk/client-dynamodb';
import { TransactWriteCommand, type TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { documentClient } from '../../aws/dynamodb.ts';
import { Metric, metrics } from '../../observability/metrics.ts';

export type TransactionResult =
  | { ok: true }
  /** Per item, in request order: the failed condition's old item, or undefined where it held. */
  | { ok: false; failed: (Record<string, unknown> | undefined)[]; conditionFailed: boolean[] };

const CONFLICT_RETRIES = 4;

/**
 * Runs a transaction. A `TransactionConflict` (another transaction touching the same item at the
 * same moment) is retried with jitter, so that the loser then sees the winner's write and fails
 * its condition cleanly; a failed condition comes back as data, not as an exception.
 */
export async function transactWrite(
  input: TransactWriteCommandInput,
  /** More for transactions on contended items (a ledger account's balance, lib/ledger/). */
  options: { conflictRetries?: number } = {},
): Promise<TransactionResult> {
  const retries = options.conflictRetries ?? CONFLICT_RETRIES;
  for (let attempt = 0; ; attempt++) {
    try {
      await documentClient().send(new TransactWriteCommand(input));
      return { ok: true };
    } catch (err) {
      if (!(err instanceof TransactionCanceledException)) throw err;
      const reasons: CancellationReason[] = err.CancellationReasons ?? [];
      const conflicted = reasons.some((r) => r.Code === 'TransactionConflict');
      if (conflicted) countConflicts(input, reasons);
      const conditionFailed = reasons.map((r) => r.Code === 'ConditionalCheckFailed');
      if (conflicted && !conditionFailed.some(Boolean) && attempt < retries) {
        await new Promise((r) => setTimeout(r, Math.min(10 * 2 ** attempt, 200) + Math.random() * 20 * (attempt + 1)));
        continue;
      }
      if (!conditionFailed.some(Boolean)) throw err;
      return {
        ok: false,
        conditionFailed,
        failed: reasons.map((r) => (r.Code === 'ConditionalCheckFailed' && r.Item ? unmarshall(r.Item) : undefined)),
      };
    }
  }
}

/**
 * Counts each conflicted item of a cancelled transaction by the kind of item (its key's prefix:
 * STAT for the report counters, PAY, ACC...), metric TransactionConflicts: what hot items cost in
 * retries, measured.
 */
function countConflicts(input: TransactWriteCommandInput, reasons: CancellationReason[]) {
  reasons.forEach((reason, i) => {
    if (reason.Code !== 'TransactionConflict') return;
    const item = input.TransactItems?.[i];
    const key = item?.Put?.Item ?? item?.Update?.Key ?? item?.Delete?.Key ?? item?.ConditionCheck?.Key;
    const single = metrics.singleMetric();
    single.addDimension('item', String(key?.PK ?? '').split('#')[0] || 'unknown');
    single.addMetric(Metric.TransactionConflicts, 'Count', 1);
  });
}

/** Runs one conditional write: true when it was written, false when its condition failed. */
export async function conditionalWrite(write: Promise<unknown>): Promise<boolean> {
  try {
    await write;
    return true;
  } catch (err) {
    if (err instanceof ConditionalCheckFailedException) return false;
    throw err;
  }
}

/**
 * Runs one conditional write made with ReturnValuesOnConditionCheckFailure ALL_OLD: true when it
 * was written, else the item its condition failed on.
 */
export async function conditionalWriteOrItem(write: Promise<unknown>): Promise<true | Record<string, unknown>> {
  try {
    await write;
    return true;
  } catch (err) {
    if (err instanceof ConditionalCheckFailedException) return unmarshall(err.Item ?? {});
    throw err;
  }
}
