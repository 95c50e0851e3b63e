/**
 * The ledger's items in the single table (ARCHITECTURE.md §4, acc_info / acc_flow). A hot account
 * (one platform account credited by every payment) is spread over `shards` balance items and flow
 * partitions, each its own partition key: a flow lands in the shard its id hashes to, and readers
 * add the shards up. An account of one shard keeps one balance item, so its overdraft rule is a
 * condition on that item.
 */
import { idempotencyKey, shardOf } from '../store/dynamodb/keys.ts';

export const accountKey = (accountId: string) => ({ PK: `ACC#${accountId}`, SK: 'ACC' });
export const balanceKey = (accountId: string, shard: number) => ({ PK: `ACCBAL#${accountId}#${shard}`, SK: 'BAL' });
/** One side of a flow, under its account's shard; newest last: `<at>#<flowId>`. */
export const flowPartition = (accountId: string, shard: number) => `ACCF#${accountId}#${shard}`;
export const flowKey = (accountId: string, shard: number, at: string, flowId: string) => ({ PK: flowPartition(accountId, shard), SK: `${at}#${flowId}` });
/** GSI1 of a payment's flows (their debit sides: one item per flow), for the daily ledger proof. */
export const paymentFlowsIndex = (payNo: string, flowId: string) => ({ GSI1PK: `PAYF#${payNo}`, GSI1SK: flowId });
/** GSI1 of a company's accounts, in the order of their ids (ULIDs): read newest first. */
export const companyAccountsIndex = (companyId: string, accountId: string) => ({ GSI1PK: `CO#${companyId}#ACC`, GSI1SK: accountId });
/** An account create's Idempotency-Key, beside a payment's or a group's claim of the same key. */
export const accountClaimKey = (companyId: string, key: string) => ({ ...idempotencyKey(companyId, key), SK: 'ACC' });
/** The company's ledger switch. */
export const ledgerSwitchKey = (companyId: string) => ({ PK: `CO#${companyId}`, SK: 'LEDGER' });

export const shardOfFlow = (flowId: string, shards: number) => (shards === 1 ? 0 : shardOf(flowId, shards));
