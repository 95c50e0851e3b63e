/** The single table's keys (ARCHITECTURE.md §4), in one place. */
export const paymentKey = (payNo: string) => ({ PK: `PAY#${payNo}`, SK: 'PAY' });
export const idempotencyKey = (companyId: string, key: string) => ({ PK: `IDEM#${companyId}#${key}`, SK: 'IDEM' });
export const eventKey = (payNo: string, eventId: string) => ({ PK: `PAY#${payNo}`, SK: `EVT#${eventId}` });
export const refundKey = (payNo: string, refundNo: string) => ({ PK: `PAY#${payNo}`, SK: `REF#${refundNo}` });
/**
 * A daily counter, in COUNTER_SHARDS items per company and day: the events relay writes a window's
 * sums to the shard of its stream shard (lib/store/dynamodb/counter-store.ts), so the relays of
 * different stream shards write different items. Readers add the shards up.
 */
export const COUNTER_SHARDS = 16;
export const dailyCounterPartition = (companyId: string, day: string, shard: number) => `STAT#${companyId}#${day}#${shard}`;
export const dailyCounterKey = (companyId: string, day: string, streamShardId: string, key: string) => ({
  PK: dailyCounterPartition(companyId, day, shardOf(streamShardId, COUNTER_SHARDS)),
  SK: key,
});
export const apiKeyKey = (keyHash: string) => ({ PK: `KEY#${keyHash}`, SK: 'KEY' });
/** GSI1 of a company's API keys (the admin lists and rotates them by API Gateway's key id). */
export const companyApiKeysIndex = (companyId: string, apiKeyId: string) => ({ GSI1PK: `CO#${companyId}#KEYS`, GSI1SK: `KEY#${apiKeyId}` });
export const companyKey = (companyId: string) => ({ PK: `CO#${companyId}`, SK: 'CO' });
/** GSI1 of a company's direct children (the org tree, cnf_pay_company); the sort key is `CO#<child>`. */
export const companyChildrenIndex = (parentId: string, companyId: string) => ({ GSI1PK: `CO#${parentId}#CHILDREN`, GSI1SK: `CO#${companyId}` });
/** A company's scene (cnf_pay_scene): which pay config each method uses there. */
export const sceneKey = (companyId: string, code: string) => ({ PK: `CO#${companyId}`, SK: `SCENE#${code}` });
export const payConfigKey = (payId: string) => ({ PK: `CFG#${payId}`, SK: 'CFG' });
/** GSI1 partition of a company's pay configs; the sort key starts with the channel. */
export const companyConfigsPartition = (companyId: string) => `CO#${companyId}#CFG`;
/** A pay config template (cnf_pay_template) of one channel and mode. */
export const payTemplateKey = (channel: string, mode: string) => ({ PK: `TPL#${channel}#${mode}`, SK: 'TPL' });
/** GSI1 partition of every template (listed without a Scan); the sort key is `<channel>#<mode>`. */
export const TEMPLATES_PARTITION = 'TPL';

/**
 * GSI1 while a payment is CREATED or PENDING: the reconciler's work list, due first. Spread over
 * OPEN_SHARDS partitions by a hash of payNo so that no single index partition takes every write.
 */
export const OPEN_SHARDS = 8;
export const openPaymentsPartition = (shard: number) => `OPEN#${shard}`;
export const openPaymentSortKey = (nextCheckAt: string, payNo: string) => `${nextCheckAt}#${payNo}`;
/** FNV-1a of an id modulo `shards`, so an id (a payNo) always lands in the same shard. */
export function shardOf(id: string, shards: number): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < id.length; i++) hash = Math.imul(hash ^ id.charCodeAt(i), 0x01000193);
  return (hash >>> 0) % shards;
}
export const openShardOf = (payNo: string) => shardOf(payNo, OPEN_SHARDS);

/**
 * GSI1 once a payment is paid: the paid payments of one pay config and China day (statements are
 * per config and day), in PAID_SHARDS partitions by a hash of payNo, so that one config paid 5,000
 * times a second stays under a partition's 1,000 writes a second. Written by the transaction that
 * moves the payment to a paid status; the statement reconciliation reads only these.
 */
export const PAID_SHARDS = 8;
export const paidDayPartition = (payId: string, day: string, shard: number) => `PAID#${payId}#${day}#${shard}`;
export const paidDayIndex = (payId: string, day: string, paidAt: string, payNo: string) => ({
  GSI1PK: paidDayPartition(payId, day, shardOf(payNo, PAID_SHARDS)),
  GSI1SK: `${paidAt}#${payNo}`,
});

/**
 * GSI1 while a refund is PENDING or PROCESSING: the refund sweep's work list, due first, in
 * OPEN_SHARDS partitions by a hash of refundNo (as open payments are by payNo).
 */
export const openRefundPartition = (shard: number) => `OPENREF#${shard}`;
export const openRefundIndex = (payNo: string, refundNo: string, nextCheckAt: string) => ({
  GSI1PK: openRefundPartition(openShardOf(refundNo)),
  GSI1SK: `${nextCheckAt}#${payNo}#${refundNo}`,
});

/** GSI2 of every pay config (the statement job lists them, no Scan); the sort key is `<channel>#<payId>`. */
export const ALL_CONFIGS_PARTITION = 'CFG';
/** A pay config item's index keys: by company (GSI1) and in the list of all configs (GSI2). */
export const payConfigIndexKeys = (companyId: string, channel: string, payId: string) => ({
  GSI1PK: companyConfigsPartition(companyId),
  GSI1SK: `${channel}#${payId}`,
  GSI2PK: ALL_CONFIGS_PARTITION,
  GSI2SK: `${channel}#${payId}`,
});
/** A statement reconciliation report and its differences: one partition per pay config and day. */
export const reconPartition = (payId: string, day: string) => `RECON#${payId}#${day}`;
/** GSI1 of a company's reconciliation reports of one day; the sort key is `<payId>#REPORT` or `<payId>#DIFF#<payNo>#<kind>`. */
export const companyReconPartition = (companyId: string, day: string) => `CO#${companyId}#RECON#${day}`;

/**
 * GSI2: a company's payments by creation time, one partition per month so none grows forever. The
 * keys are set when the payment is put and never change, and GSI2 keeps keys only, so the index is
 * written once per payment; the listing reads the payments by the keys it returns.
 */
export const createdMonthPartition = (companyId: string, createdAt: string) =>
  `CO#${companyId}#${createdAt.slice(0, 7)}`;
/** Two payments of the same millisecond share a sort key: an index's keys need not be unique, and its pages go on by the item's own key. */
export const createdMonthIndex = (companyId: string, createdAt: string) => ({
  GSI2PK: createdMonthPartition(companyId, createdAt),
  GSI2SK: createdAt,
});

export const KEY_ATTRIBUTES = ['PK', 'SK', 'GSI1PK', 'GSI1SK', 'GSI2PK', 'GSI2SK', 'ttl', 'entity'] as const;

/** An item without its table keys: what the domain sees. */
export function withoutKeys<T>(item: Record<string, unknown>): T {
  const copy: Record<string, unknown> = { ...item };
  for (const k of KEY_ATTRIBUTES) delete copy[k];
  return copy as T;
}
