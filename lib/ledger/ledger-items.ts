/**
 * Postings as DynamoDB transaction items: each flow written once under each of its two accounts
 * (conditional on not existing: a posting id is written once; the debit side indexed by payment), and one ADD per balance item touched
 * — lines on the same account and shard are added up first, as a transaction may name an item only
 * once. A checked hold is conditional on the account's available balance staying within its
 * overdraft rule, so a refused transaction changes nothing.
 */
import type { Account, Side } from './account.ts';
import { signOf } from './account.ts';
import { balanceKey, flowKey, paymentFlowsIndex, shardOfFlow } from './keys.ts';
import type { Posting } from './postings.ts';

interface Delta {
  accountId: string;
  shard: number;
  pd: number;
  pc: number;
  qd: number;
  qc: number;
  avail: number;
  /** Minor units of checked holds taken from this item's available balance. */
  held: number;
}

/** The balance changes of one side of a posting. */
function apply(d: Delta, p: Posting, account: Account, side: Side): void {
  const sign = signOf(account.type, side);
  const a = p.amount;
  const posted = side === 'debit' ? 'pd' : 'pc';
  const pending = side === 'debit' ? 'qd' : 'qc';
  switch (p.kind) {
    case 'pending':
      d[pending] += a;
      if (sign < 0) {
        d.avail -= a;
        if (p.checked) d.held += a;
      }
      break;
    case 'post':
      d[pending] -= a;
      d[posted] += a;
      if (sign > 0) d.avail += a;
      break;
    case 'void':
      d[pending] -= a;
      if (sign < 0) d.avail += a;
      break;
    case 'posted':
      d[posted] += a;
      d.avail += sign * a;
      if (sign < 0 && p.checked) d.held += a;
      break;
  }
}

export type AccountsById = ReadonlyMap<string, Account>;

export function ledgerItems(TableName: string, postings: Posting[], accounts: AccountsById) {
  const deltas = new Map<string, Delta>();
  const puts: Record<string, unknown>[] = [];
  for (const p of postings) {
    for (const [accountId, side] of [[p.accountOut, 'debit'], [p.accountRec, 'credit']] as const) {
      const account = accounts.get(accountId);
      if (!account) throw new Error(`ledger account ${accountId} of ${p.flowId} is missing`);
      const shard = shardOfFlow(p.flowId, account.shards);
      const key = `${accountId}#${shard}`;
      const d = deltas.get(key) ?? { accountId, shard, pd: 0, pc: 0, qd: 0, qc: 0, avail: 0, held: 0 };
      deltas.set(key, d);
      apply(d, p, account, side);
      const { checked: _checked, ...flow } = p;
      puts.push({
        Put: {
          TableName,
          Item: {
            ...flowKey(accountId, shard, p.at, p.flowId),
            // The debit side is found by its payment too (the daily ledger proof): one index entry per flow.
            ...(side === 'debit' ? paymentFlowsIndex(p.payNo, p.flowId) : {}),
            entity: 'flow',
            accountId,
            direction: side,
            ...flow,
          },
          ConditionExpression: 'attribute_not_exists(PK)',
        },
      });
    }
  }
  const updates = [...deltas.values()].map((d) => {
    const limit = accounts.get(d.accountId)!.overdraftLimit;
    const adds = (['pd', 'pc', 'qd', 'qc', 'avail'] as const).filter((f) => d[f] !== 0);
    const checked = d.held > 0 && limit !== null;
    return {
      Update: {
        TableName,
        Key: balanceKey(d.accountId, d.shard),
        UpdateExpression: `SET entity = :entity${adds.length ? ` ADD ${adds.map((f) => `${f} :${f}`).join(', ')}` : ''}`,
        // The balance after this transaction's holds stays at or above -overdraftLimit.
        ...(checked ? { ConditionExpression: 'avail >= :need' } : {}),
        ExpressionAttributeValues: {
          ':entity': 'balance',
          ...Object.fromEntries(adds.map((f) => [`:${f}`, d[f]])),
          ...(checked ? { ':need': d.held - limit } : {}),
        },
      },
      /** Which account a failed condition refuses. */
      accountId: d.accountId,
    };
  });
  return { puts, updates };
}
