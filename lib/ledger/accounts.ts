/** The ledger's merchant API (issue 13): open, read and list accounts, their flows and balances. */
import { limitOf } from '../api/page-schema.ts';
import type { AccountResource, CreateAccountBody } from '../api/account-schema.ts';
import { Conflict, IdempotencyError, NotFound } from '../domain/errors.ts';
import { newAccountId } from '../domain/ids.ts';
import { requestHash } from '../payments/request-hash.ts';
import { ACCOUNT_ID_PATTERN, type Account } from './account.ts';
import { balancesOf, getAccount, insertAccount, ledgerEnabled, listAccounts, listFlows, postedBalanceAt } from './ledger-store.ts';

const resourceOf = async (a: Account): Promise<AccountResource> => ({
  accountId: a.accountId,
  currency: a.currency,
  type: a.type,
  ...(a.name !== undefined ? { name: a.name } : {}),
  overdraftLimit: a.overdraftLimit,
  shards: a.shards,
  balance: await balancesOf(a),
  createdAt: a.createdAt,
});

/**
 * Opens an account. With an Idempotency-Key the key is stored in the account's own transaction:
 * the same key and body again answers the account it opened (as it is now), another body is
 * refused, and of two concurrent requests one opens it and the other answers it.
 */
export async function openAccount(
  companyId: string,
  body: CreateAccountBody,
  now: Date,
  idempotencyKey?: string,
): Promise<{ account: AccountResource; replayed: boolean }> {
  if (!(await ledgerEnabled(companyId))) throw new Conflict('ledger_disabled', "The company's ledger is not switched on");
  const account: Account = {
    accountId: newAccountId(),
    companyId,
    currency: body.currency,
    type: body.type,
    ...(body.name !== undefined ? { name: body.name } : {}),
    overdraftLimit: body.overdraftLimit === undefined ? 0 : body.overdraftLimit,
    shards: body.shards ?? 1,
    createdAt: now.toISOString(),
  };
  const claim = idempotencyKey ? { companyId, key: idempotencyKey, bodyHash: requestHash(body), accountId: account.accountId } : undefined;
  const inserted = await insertAccount(account, claim);
  if (inserted.ok) return { account: await resourceOf(account), replayed: false };
  if (inserted.claim.bodyHash !== claim!.bodyHash) {
    throw new IdempotencyError('idempotency_key_reused', 'This Idempotency-Key was used with a different request body');
  }
  return { account: await readAccount(companyId, inserted.claim.accountId), replayed: true };
}

/** The company's own account; another company's is reported exactly like a missing one. */
async function accountOf(companyId: string, accountId: string): Promise<Account> {
  const account = ACCOUNT_ID_PATTERN.test(accountId) ? await getAccount(accountId) : undefined;
  if (!account || account.companyId !== companyId) throw new NotFound('account', 'accountId');
  return account;
}

export const readAccount = async (companyId: string, accountId: string) => resourceOf(await accountOf(companyId, accountId));

export async function pageOfAccounts(companyId: string, query: { limit?: string; cursor?: string }) {
  const { accounts, nextCursor } = await listAccounts(companyId, limitOf(query.limit), query.cursor);
  return { data: await Promise.all(accounts.map(resourceOf)), ...(nextCursor ? { nextCursor } : {}) };
}

export async function pageOfFlows(companyId: string, accountId: string, query: { limit?: string; cursor?: string }) {
  const { flows, nextCursor } = await listFlows(await accountOf(companyId, accountId), limitOf(query.limit), query.cursor);
  return { data: flows, ...(nextCursor ? { nextCursor } : {}) };
}

export async function balanceAt(companyId: string, accountId: string, at: Date) {
  const account = await accountOf(companyId, accountId);
  return { accountId, currency: account.currency, at: at.toISOString(), posted: await postedBalanceAt(account, at.toISOString()) };
}
