/**
 * A ledger account (seed table acc_info). Its type says which side raises its balance: a liability
 * (what payee owes its holder) grows with credits, an asset (money payee holds) with debits. A
 * flow debits its accountOut and credits its accountRec, so every posting's debits equal its credits.
 */
import type { ACCOUNT_TYPES } from '../api/account-schema.ts';

export interface Account {
  accountId: string;
  companyId: string;
  currency: string;
  type: (typeof ACCOUNT_TYPES)[number];
  name?: string;
  /** How far below zero `available` may go; null: no limit. */
  overdraftLimit: number | null;
  /** Balance items (and flow partitions) the account is spread over: more than 1 for a hot account. */
  shards: number;
  createdAt: string;
}

/** An account create's Idempotency-Key, stored with the account it opened (one transaction). */
export interface AccountClaim {
  companyId: string;
  key: string;
  bodyHash: string;
  accountId: string;
}

export type Side = 'debit' | 'credit';

/** Whether a `side` entry raises (+1) or lowers (-1) the account's balance. */
export const signOf = (type: Account['type'], side: Side): 1 | -1 => ((type === 'liability') === (side === 'credit') ? 1 : -1);

export const ACCOUNT_ID_PATTERN = /^A[0-9A-HJKMNP-TV-Z]{26}$/;
