/** A payment as the API returns it, alone and in pages. */
import * as z from 'zod/mini';
import { PAYMENT_STATUSES } from '../domain/status-machine.ts';
import { timestamp } from './common-schemas.ts';
import { detailLine } from './details-schema.ts';

const action = z.union([
  z.strictObject({ type: z.enum(['qr_code', 'redirect', 'form', 'app_params']), value: z.string() }),
  z.strictObject({ type: z.literal('jsapi_params'), value: z.record(z.string(), z.string()) }),
]);

export const paymentResource = z.strictObject({
  payNo: z.string().check(z.describe("payee's payment number: P and 26 letters and digits, one per outTradeNo of a company; the provider's order number")),
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
  failure: z.optional(
    z.strictObject({
      code: z.string().check(
        z.describe(
          "Why it FAILED: the provider's refusal code, or payee's own: payer_openid_required, payer_client_ip_required (wechat.jsapi, wechat.h5, combined), " +
            "combine_partner_unsupported (a combined group of a partner pay config), invalid_client (PayPal refused the pay config's credentials)",
        ),
      ),
      message: z.string(),
    }),
  ),
  notifyUrl: z.optional(z.string()),
  returnUrl: z.optional(z.string()),
  metadata: z.optional(z.record(z.string(), z.string())),
  details: z.optional(z.array(detailLine).check(z.describe('The detail lines given at create'))),
  expiresAt: timestamp,
  createdAt: timestamp,
  updatedAt: timestamp,
  paidAt: z.optional(timestamp),
});
export type PaymentResource = z.output<typeof paymentResource>;

export const paymentList = z.strictObject({
  data: z.array(paymentResource),
  nextCursor: z.optional(z.string().check(z.describe('Present when more payments follow'))),
});
export type PaymentList = z.output<typeof paymentList>;
