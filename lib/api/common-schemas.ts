/** Shapes shared by every API schema: strings with limits, ids, money, the error envelope. */
import * as z from 'zod/mini';
import { isCurrency } from '../domain/money.ts';

/** A trimmed-length-limited string; every string the API accepts has a maximum. */
export const text = (max: number, description: string) =>
  z.string().check(z.minLength(1), z.maxLength(max), z.describe(description));

/** Integer minor units, strictly positive, below any real order (10^12 minor units). */
export const minorUnits = (description: string) =>
  z.int().check(z.positive(), z.maximum(1_000_000_000_000), z.describe(description));

export const currency = z
  .string()
  .check(
    z.refine(isCurrency, { message: 'must be an ISO 4217 currency code such as CNY' }),
    z.describe('ISO 4217 currency code, upper case'),
  );

/** http(s) URL of bounded length. */
export const httpUrl = (description: string) =>
  z.url({ protocol: /^https?$/ }).check(z.maxLength(1024), z.describe(description));

export const timestamp = z.iso.datetime({ offset: true });

export const errorBody = z.strictObject({
  error: z.strictObject({
    // An enum, not prose: SDKs map each type to an error class and a test fails when one is added.
    type: z.enum(['invalid_request', 'authentication', 'not_found', 'conflict', 'idempotency', 'provider', 'unavailable', 'internal']),
    code: z.string().check(z.describe('machine-readable reason, e.g. parameter_invalid, parameter_missing, resource_missing, duplicate_out_trade_no')),
    message: z.string(),
    param: z.optional(z.string().check(z.describe('the field or header at fault'))),
    payNo: z.optional(z.string().check(z.describe('the existing payment the error is about (duplicate_out_trade_no)'))),
    requestId: z.string(),
  }),
});
