/**
 * payee ids: a one-letter type prefix and 26 Crockford base32 characters (a ULID, sortable by
 * time, for everything but payments), alphanumeric and 27 characters, so a payNo fits every
 * provider's order-number rules (UnionPay orderId: 8-32 letters and digits).
 */
import { createHash } from 'node:crypto';
import { ulid } from 'ulid';

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/**
 * A payment's number is its company's outTradeNo hashed (130 bits of SHA-256): the payment's own
 * item is then the guard of outTradeNo's uniqueness, its conditional put refusing a second one
 * without a separate guard item or a transaction (issue 17), and a retried create finds the
 * payment it may have left at the same key.
 */
export function payNoOf(companyId: string, outTradeNo: string): string {
  const digest = createHash('sha256').update(JSON.stringify([companyId, outTradeNo])).digest();
  let bits = 0n;
  for (const byte of digest.subarray(0, 17)) bits = (bits << 8n) | BigInt(byte);
  let out = '';
  for (let i = 0; i < 26; i++) out += CROCKFORD[Number((bits >> BigInt(136 - 5 * (i + 1))) & 31n)];
  return `P${out}`;
}
export const newCompanyId = (): string => `C${ulid()}`;
export const newRefundNo = (): string => `R${ulid()}`;
/** A payment group (od_group); also a combined group's order number at the provider (WeChat combine_out_trade_no). */
export const newGroupNo = (): string => `G${ulid()}`;
export const newAccountId = (): string => `A${ulid()}`;
export const newPayId = (): string => `cfg_${ulid()}`;

export const PAY_NO_PATTERN = /^P[0-9A-HJKMNP-TV-Z]{26}$/;
