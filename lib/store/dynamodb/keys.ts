/** The single table's keys (ARCHITECTURE.md §4), in one place. */
export const paymentKey = (payNo: string) => ({ PK: `PAY#${payNo}`, SK: 'PAY' });
export const outTradeNoKey = (companyId: string, outTradeNo: string) => ({
  PK: `OUT#${companyId}#${outTradeNo}`,
  SK: 'OUT',
});
export const idempotencyKey = (companyId: string, key: string) => ({ PK: `IDEM#${companyId}#${key}`, SK: 'IDEM' });
export const eventKey = (payNo: string, eventId: string) => ({ PK: `PAY#${payNo}`, SK: `EVT#${eventId}` });
export const refundKey = (payNo: string, refundNo: string) => ({ PK: `PAY#${payNo}`, SK: `REF#${refundNo}` });
export const dailyCounterKey = (companyId: string, day: string, key: string) => ({ PK: `STAT#${companyId}#${day}`, SK: key });
export const apiKeyKey = (keyHash: string) => ({ PK: `KEY#${keyHash}`, SK: 'KEY' });
export const companyKey = (companyId: string) => ({ PK: `CO#${companyId}`, SK: 'CO' });
export const payConfigKey = (payId: string) => ({ PK: `CFG#${payId}`, SK: 'CFG' });
/** GSI1 partition of a company's pay configs; the sort key starts with the channel. */
export const companyConfigsPartition = (companyId: string) => `CO#${companyId}#CFG`;

/** GSI2: a company's payments by creation time, one partition per month so none grows forever. */
export const createdMonthPartition = (companyId: string, createdAt: string) =>
  `CO#${companyId}#${createdAt.slice(0, 7)}`;
export const createdSortKey = (createdAt: string, payNo: string) => `${createdAt}#${payNo}`;

export const KEY_ATTRIBUTES = ['PK', 'SK', 'GSI1PK', 'GSI1SK', 'GSI2PK', 'GSI2SK', 'ttl', 'entity'] as const;

/** An item without its table keys: what the domain sees. */
export function withoutKeys<T>(item: Record<string, unknown>): T {
  const copy: Record<string, unknown> = { ...item };
  for (const k of KEY_ATTRIBUTES) delete copy[k];
  return copy as T;
}
