/**
 * payee ids: a one-letter type prefix and a ULID. Sortable by time, alphanumeric and 27
 * characters, so a payNo fits every provider's order-number rules (UnionPay orderId: 8-32
 * letters and digits).
 */
import { ulid } from 'ulid';

export const newPayNo = (): string => `P${ulid()}`;
export const newCompanyId = (): string => `C${ulid()}`;
export const newRefundNo = (): string => `R${ulid()}`;
/** A payment group (od_group); also a combined group's order number at the provider (WeChat combine_out_trade_no). */
export const newGroupNo = (): string => `G${ulid()}`;
export const newAccountId = (): string => `A${ulid()}`;
export const newPayId = (): string => `cfg_${ulid()}`;

export const PAY_NO_PATTERN = /^P[0-9A-HJKMNP-TV-Z]{26}$/;
