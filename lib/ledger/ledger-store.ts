/**
 * The ledger on the single table: accounts, the company's ledger switch, balances (shards added
 * up), flows (shards merged, newest first), and the items a payment's change posts. Accounts never
 * change after their create, so each container keeps them once read.
 */
import { GetCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { documentClient, tableName } from '../aws/dynamodb.ts';
import { InvalidRequest } from '../domain/errors.ts';
import type { Payment } from '../domain/payment.ts';
import { batchGet, type ItemKey } from '../store/dynamodb/batch-get.ts';
import { IDEMPOTENCY_TTL_SECONDS } from '../store/dynamodb/idempotency-claim.ts';
import { withoutKeys } from '../store/dynamodb/keys.ts';
import { queryAll } from '../store/dynamodb/query-all.ts';
import { transactWrite } from '../store/dynamodb/transactions.ts';
import { TtlCache } from '../store/ttl-cache.ts';
import type { Balances, FlowResource } from '../api/account-schema.ts';
import { signOf, type Account, type AccountClaim } from './account.ts';
import { ledgerItems } from './ledger-items.ts';
import { accountClaimKey, accountKey, balanceKey, companyAccountsIndex, flowPartition, ledgerSwitchKey, paymentFlowsIndex } from './keys.ts';
import { postingsFor, type Posting } from './postings.ts';

const switches = new TtlCache<boolean>(10_000);
/** Payments whose flows are looked up at once. */
const FLOW_READS = 8;

const ACCOUNT_FIELDS = ['accountId', 'companyId', 'currency', 'type', 'name', 'overdraftLimit', 'shards', 'createdAt'] as const;
const accountOf = (item: Record<string, unknown>): Account =>
  Object.fromEntries(ACCOUNT_FIELDS.filter((f) => item[f] !== undefined).map((f) => [f, item[f]])) as unknown as Account;

/** Accounts read in this container: they never change, so they are kept (up to a bound). */
const loaded = new Map<string, Account>();

export async function getAccounts(ids: string[]): Promise<Map<string, Account>> {
  const unique = [...new Set(ids)];
  const missing = unique.filter((id) => !loaded.has(id));
  if (missing.length) {
    if (loaded.size > 10_000) loaded.clear();
    // One BatchGetItem for every account not yet in this container; unknown ids are asked again next time.
    const items = await batchGet(tableName(), missing.map(accountKey), { consistent: true });
    for (const item of items) loaded.set(item.accountId as string, accountOf(item));
  }
  return new Map(unique.flatMap((id) => (loaded.has(id) ? [[id, loaded.get(id)!] as const] : [])));
}

export async function getAccount(accountId: string): Promise<Account | undefined> {
  return (await getAccounts([accountId])).get(accountId);
}

export function ledgerEnabled(companyId: string): Promise<boolean> {
  return switches.get(companyId, async () => {
    const { Item } = await documentClient().send(new GetCommand({ TableName: tableName(), Key: ledgerSwitchKey(companyId), ConsistentRead: true }));
    return Item?.enabled === true;
  });
}

export async function setLedgerEnabled(companyId: string, enabled: boolean, at: string): Promise<void> {
  await documentClient().send(
    new PutCommand({ TableName: tableName(), Item: { ...ledgerSwitchKey(companyId), entity: 'ledgerSwitch', companyId, enabled, updatedAt: at } }),
  );
}

/**
 * The account, its zero balance items and its create's Idempotency-Key, in one transaction; when
 * the key is taken, nothing is written and the claim that holds it is returned.
 */
export async function insertAccount(account: Account, claim?: AccountClaim): Promise<{ ok: true } | { ok: false; claim: AccountClaim }> {
  const TableName = tableName();
  const zero = { pd: 0, pc: 0, qd: 0, qc: 0, avail: 0 };
  const result = await transactWrite({
    TransactItems: [
      ...(claim
        ? [
            {
              Put: {
                TableName,
                Item: { ...accountClaimKey(claim.companyId, claim.key), entity: 'accountIdempotency', ...claim, ttl: Math.floor(Date.parse(account.createdAt) / 1000) + IDEMPOTENCY_TTL_SECONDS },
                ConditionExpression: 'attribute_not_exists(PK)',
                ReturnValuesOnConditionCheckFailure: 'ALL_OLD' as const,
              },
            },
          ]
        : []),
      {
        Put: {
          TableName,
          Item: { ...accountKey(account.accountId), ...companyAccountsIndex(account.companyId, account.accountId), entity: 'account', ...account },
          ConditionExpression: 'attribute_not_exists(PK)',
        },
      },
      ...Array.from({ length: account.shards }, (_, shard) => ({
        Put: { TableName, Item: { ...balanceKey(account.accountId, shard), entity: 'balance', ...zero } },
      })),
    ],
  });
  if (result.ok) return { ok: true };
  // Only the claim can fail: the account id is new.
  return { ok: false, claim: withoutKeys<AccountClaim>(result.failed[0]!) };
}

/** The account's balances: its shards added up (one consistent BatchGetItem). */
export async function balancesOf(account: Account): Promise<Balances> {
  const items = await batchGet(
    tableName(),
    Array.from({ length: account.shards }, (_, s) => balanceKey(account.accountId, s)),
    { consistent: true },
  );
  const sum = (f: string) => items.reduce((s, i) => s + Number(i[f] ?? 0), 0);
  const [pd, pc, qd, qc] = [sum('pd'), sum('pc'), sum('qd'), sum('qc')];
  const liability = account.type === 'liability';
  const posted = liability ? pc - pd : pd - pc;
  const [pendingIncoming, pendingOutgoing] = liability ? [qc, qd] : [qd, qc];
  return { posted, pendingIncoming, pendingOutgoing, available: sum('avail'), postedDebits: pd, postedCredits: pc, pendingDebits: qd, pendingCredits: qc };
}

/** A page of the company's accounts, newest first (account ids are ULIDs); the cursor is the last id shown. */
export async function listAccounts(companyId: string, limit: number, cursor?: string): Promise<{ accounts: Account[]; nextCursor?: string }> {
  const partition = companyAccountsIndex(companyId, '').GSI1PK;
  const before = cursor === undefined ? undefined : decodeAccountCursor(cursor);
  const { Items = [], LastEvaluatedKey } = await documentClient().send(
    new QueryCommand({
      TableName: tableName(),
      IndexName: 'GSI1',
      KeyConditionExpression: before ? 'GSI1PK = :pk AND GSI1SK < :before' : 'GSI1PK = :pk',
      ExpressionAttributeValues: { ':pk': partition, ...(before ? { ':before': before } : {}) },
      ScanIndexForward: false,
      Limit: limit,
    }),
  );
  const items = await batchGet(tableName(), Items.map((i) => accountKey(String(i.GSI1SK))));
  const list = items.map(accountOf);
  return { accounts: list, ...(LastEvaluatedKey && list.length ? { nextCursor: Buffer.from(list.at(-1)!.accountId).toString('base64url') } : {}) };
}

function decodeAccountCursor(cursor: string): string {
  const id = Buffer.from(cursor, 'base64url').toString('utf8');
  if (!/^A[0-9A-Z]{26}$/.test(id)) throw new InvalidRequest('parameter_invalid', 'cursor is not a cursor this API returned', 'cursor');
  return id;
}

const FLOW_FIELDS = ['flowId', 'kind', 'direction', 'amount', 'currency', 'accountOut', 'accountRec', 'payNo', 'refundNo', 'line', 'pendingFlowId', 'memo', 'at'] as const;
const flowOf = (item: Record<string, unknown>): FlowResource =>
  Object.fromEntries(FLOW_FIELDS.filter((f) => item[f] !== undefined).map((f) => [f, item[f]])) as unknown as FlowResource;

/**
 * A page of the account's flows, newest first: each shard's newest before the cursor, merged. The
 * cursor is the last sort key shown (`<at>#<flowId>`), the same in every shard.
 */
export async function listFlows(account: Account, limit: number, cursor?: string): Promise<{ flows: FlowResource[]; nextCursor?: string }> {
  const before = cursor === undefined ? undefined : Buffer.from(cursor, 'base64url').toString('utf8');
  if (before !== undefined && !/^\d{4}-\d\d-\d\dT[^#]+#.+$/.test(before)) {
    throw new InvalidRequest('parameter_invalid', 'cursor is not a cursor this API returned', 'cursor');
  }
  const pages = await Promise.all(
    Array.from({ length: account.shards }, (_, shard) =>
      documentClient().send(
        new QueryCommand({
          TableName: tableName(),
          KeyConditionExpression: before ? 'PK = :pk AND SK < :before' : 'PK = :pk',
          ExpressionAttributeValues: { ':pk': flowPartition(account.accountId, shard), ...(before ? { ':before': before } : {}) },
          ScanIndexForward: false,
          Limit: limit + 1,
          ConsistentRead: true,
        }),
      ),
    ),
  );
  const merged = pages.flatMap((p) => p.Items ?? []).sort((a, b) => (a.SK < b.SK ? 1 : -1));
  const page = merged.slice(0, limit);
  const more = merged.length > limit;
  return { flows: page.map(flowOf), ...(more ? { nextCursor: Buffer.from(String(page.at(-1)!.SK)).toString('base64url') } : {}) };
}

/** Each payment's flows (their debit sides), by payNo, through GSI1 `PAYF#<payNo>`: a few payments at once. */
export async function flowsOfPayments(payNos: string[]): Promise<Map<string, FlowResource[]>> {
  const byPayment = new Map<string, FlowResource[]>(payNos.map((payNo) => [payNo, []]));
  const keys: ItemKey[] = [];
  for (let i = 0; i < payNos.length; i += FLOW_READS) {
    const found = await Promise.all(
      payNos.slice(i, i + FLOW_READS).map((payNo) =>
        queryAll({
          TableName: tableName(),
          IndexName: 'GSI1',
          KeyConditionExpression: 'GSI1PK = :pk',
          ExpressionAttributeValues: { ':pk': paymentFlowsIndex(payNo, '').GSI1PK },
        }),
      ),
    );
    for (const entries of found) keys.push(...entries.map((e) => ({ PK: String(e.PK), SK: String(e.SK) })));
  }
  // GSI1 holds keys only: the flows themselves, one BatchGetItem per hundred.
  for (const item of await batchGet(tableName(), keys)) byPayment.get(String(item.payNo))?.push(flowOf(item));
  return byPayment;
}

/** The posted balance at `at`: the balance now less what the posted flows since then changed. */
export async function postedBalanceAt(account: Account, at: string): Promise<number> {
  const { posted } = await balancesOf(account);
  let since = 0;
  for (let shard = 0; shard < account.shards; shard++) {
    let ExclusiveStartKey: Record<string, unknown> | undefined;
    do {
      const page = await documentClient().send(
        new QueryCommand({
          TableName: tableName(),
          // '~' sorts after every flow id: everything recorded after `at`.
          KeyConditionExpression: 'PK = :pk AND SK > :at',
          ExpressionAttributeValues: { ':pk': flowPartition(account.accountId, shard), ':at': `${at}#~` },
          ProjectionExpression: 'kind, direction, amount',
          ConsistentRead: true,
          ExclusiveStartKey,
        }),
      );
      for (const f of page.Items ?? []) {
        if (f.kind === 'post' || f.kind === 'posted') since += signOf(account.type, f.direction) * Number(f.amount);
      }
      ExclusiveStartKey = page.LastEvaluatedKey;
    } while (ExclusiveStartKey);
  }
  return posted - since;
}

/** What a payment's move posts, as transaction items; `refusedBy` names the account each balance update guards. */
export async function ledgerWrites(before: Payment | undefined, after: Payment, refundNo?: string) {
  const postings: Posting[] = postingsFor(before, after, refundNo);
  if (!postings.length) return { items: [], refusedBy: [] as (string | undefined)[], options: {} };
  const byId = await getAccounts(postings.flatMap((p) => [p.accountOut, p.accountRec]));
  const { puts, updates } = ledgerItems(tableName(), postings, byId);
  return {
    items: [...puts, ...updates.map(({ Update }) => ({ Update }))],
    refusedBy: [...puts.map(() => undefined), ...updates.map((u) => u.accountId)],
    // Concurrent postings to one balance item conflict: retried longer than other transactions.
    options: { conflictRetries: 12 },
  };
}
