/** POST /v1/payments: the request body. One zod schema → validation, the TypeScript type, OpenAPI. */
import * as z from 'zod/mini';
import { channelMethods, requiredPayerFields } from '../channels/registry.ts';
import { SCENE_CODE_PATTERN } from '../domain/tenancy.ts';
import { notifyUrlPolicy, notifyUrlProblem } from '../notify/url-policy.ts';
import { currency, httpUrl, minorUnits, text } from './common-schemas.ts';
import { detailLines, detailsSumProblem } from './details-schema.ts';

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
    notifyUrl: z.optional(
      httpUrl("Where payee POSTs each change of the payment's status, signed (docs/notifications.md); https, public addresses only").check(
        // The policy is read at each request: the local stack lets its functions notify http://127.0.0.1.
        z.superRefine((url, ctx) => {
          const problem = notifyUrlProblem(url, notifyUrlPolicy());
          if (problem) ctx.addIssue({ code: 'custom', message: problem, input: url });
        }),
      ),
    ),
    returnUrl: z.optional(httpUrl("Where the buyer's browser returns after paying (page and wap methods)")),
    expiresIn: z.optional(
      z.int().check(
        z.minimum(EXPIRES_IN.min),
        z.maximum(EXPIRES_IN.max),
        z.describe(`Seconds the buyer has to pay; default ${EXPIRES_IN.default}`),
      ),
    ),
    payer: z.optional(
      z
        .strictObject({
          openid: z.optional(text(128, "The buyer's openid under the merchant's appid (wechat.jsapi)")),
          clientIp: z.optional(z.union([z.ipv4(), z.ipv6()]).check(z.describe("The buyer's IP address (wechat.h5)"))),
        })
        .check(z.describe('Method-specific facts about the buyer')),
    ),
    payId: z.optional(text(64, "The pay config to use; optional when the company has one config for the method's channel or scene is given")),
    scene: z.optional(
      z
        .string()
        .check(
          z.regex(SCENE_CODE_PATTERN, { message: 'must be web, app, h5, jsapi, qr or a lowercase token of at most 32 characters' }),
          z.describe("Where the buyer pays (the company's scene: web, app, h5, jsapi, qr, ...); without payId, the scene's pay config for the method is used"),
        ),
    ),
    metadata: z.optional(metadata),
    details: z.optional(detailLines),
  })
  .check(
    z.refine((b) => b.orderAmount === undefined || b.orderAmount >= b.amount, {
      message: 'must not be less than amount',
      path: ['orderAmount'],
    }),
    z.refine((b) => b.payId === undefined || b.scene === undefined, {
      message: 'give payId or scene, not both',
      path: ['scene'],
    }),
    z.superRefine((b, ctx) => {
      const problem = detailsSumProblem(b.details, b.amount);
      if (problem) ctx.addIssue({ code: 'custom', path: ['details'], message: problem, input: b.details });
    }),
    z.superRefine((b, ctx) => {
      const payer: Record<string, string | undefined> = b.payer ?? {};
      for (const field of requiredPayerFields(b.method)) {
        if (payer[field] === undefined) {
          ctx.addIssue({ code: 'custom', path: ['payer', field], message: `is required for ${b.method}`, params: { code: 'parameter_missing' }, input: b });
        }
      }
    }),
  );
export type CreatePaymentBody = z.output<typeof createPaymentBody>;

