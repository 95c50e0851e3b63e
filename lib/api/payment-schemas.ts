/**
 * The payment API's shapes. Each zod schema is the one source of request validation, of the
 * TypeScript types and of the OpenAPI document (lib/api/openapi.ts).
 */
import * as z from 'zod/mini';
import { PAYMENT_STATUSES } from '../domain/status-machine.ts';
import { channelMethods } from '../channels/registry.ts';
import { currency, httpUrl, minorUnits, text, timestamp } from './common-schemas.ts';

export const EXPIRES_IN = { min: 60, max: 7 * 24 * 3600, default: 1800 } as const;

const metadata = z
  .record(z.string().check(z.minLength(1), z.maxLength(40)), z.string().check(z.maxLength(500)))
  .check(
    z.refine((m) => Object.keys(m).length <= 20, { message: 'may hold at most 20 keys' }),
    z.describe('Up to 20 string pairs kept with the payment and returned as given'),
  );

export const createPaymentBody = z
  .strictObject({
    method: z.enum(channelMethods).check(z.describe('`<channel>.<mode>`: how the buyer pays')),
    outTradeNo: z
      .string()
      .check(
        z.minLength(1),
        z.maxLength(64),
        z.regex(/^[A-Za-z0-9_\-.:]+$/, { message: 'may hold letters, digits and _ - . : only' }),
        z.describe("The merchant's order number, unique per company"),
      ),
    subject: text(256, 'What the buyer sees they are paying for'),
    amount: minorUnits('What the buyer pays, in integer minor units (1999 = 19.99 CNY)'),
    orderAmount: z.optional(minorUnits('What the order is worth before discounts; defaults to amount')),
    currency,
    notifyUrl: z.optional(httpUrl("Where payee POSTs the payment's outcome")),
    returnUrl: z.optional(httpUrl("Where the buyer's browser returns after paying (page and wap methods)")),
    expiresIn: z.optional(
      z.int().check(
        z.minimum(EXPIRES_IN.min),
        z.maximum(EXPIRES_IN.max),
        z.describe(`Seconds the buyer has to pay; default ${EXPIRES_IN.default}`),
      ),
    ),
    payId: z.optional(text(64, "The pay config to use; optional when the company has one config for the method's channel")),
    metadata: z.optional(metadata),
  })
  .check(
    z.refine((b) => b.orderAmount === undefined || b.orderAmount >= b.amount, {
      message: 'must not be less than amount',
      path: ['orderAmount'],
    }),
  );
export type CreatePaymentBody = z.output<typeof createPaymentBody>;

const action = z.union([
  z.strictObject({ type: z.enum(['qr_code', 'redirect', 'form', 'app_params']), value: z.string() }),
  z.strictObject({ type: z.literal('jsapi_params'), value: z.record(z.string(), z.string()) }),
]);

export const paymentResource = z.strictObject({
  payNo: z.string().check(z.describe("payee's payment number: P + ULID; the provider's order number")),
  status: z.enum(PAYMENT_STATUSES),
  method: z.string(),
  channel: z.string(),
  payId: z.string(),
  outTradeNo: z.string(),
  subject: z.string(),
  amount: z.int(),
  orderAmount: z.int(),
  currency: z.string(),
  refundableAmount: z.int(),
  action: z.optional(action),
  providerTradeNo: z.optional(z.string()),
  failure: z.optional(z.strictObject({ code: z.string(), message: z.string() })),
  notifyUrl: z.optional(z.string()),
  returnUrl: z.optional(z.string()),
  metadata: z.optional(z.record(z.string(), z.string())),
  expiresAt: timestamp,
  createdAt: timestamp,
  updatedAt: timestamp,
  paidAt: z.optional(timestamp),
});
export type PaymentResource = z.output<typeof paymentResource>;

export const LIST_LIMIT = { max: 100, default: 20 } as const;

export const listPaymentsQuery = z.strictObject({
  outTradeNo: z.optional(text(64, "Find the payment for this merchant order number")),
  limit: z.optional(
    z
      .string()
      .check(z.regex(/^\d{1,3}$/, { message: `must be an integer from 1 to ${LIST_LIMIT.max}` }),
        z.refine((s) => Number(s) >= 1 && Number(s) <= LIST_LIMIT.max, { message: `must be an integer from 1 to ${LIST_LIMIT.max}` }),
        z.describe(`Page size, 1-${LIST_LIMIT.max}, default ${LIST_LIMIT.default}`)),
  ),
  cursor: z.optional(text(512, 'The nextCursor of the previous page')),
  createdFrom: z.optional(timestamp.check(z.describe('Oldest creation time to list; default a year before createdTo'))),
  createdTo: z.optional(timestamp.check(z.describe('Newest creation time to list (exclusive); default now'))),
});
export type ListPaymentsQuery = z.output<typeof listPaymentsQuery>;

export const paymentList = z.strictObject({
  data: z.array(paymentResource),
  nextCursor: z.optional(z.string().check(z.describe('Present when more payments follow'))),
});
export type PaymentList = z.output<typeof paymentList>;
