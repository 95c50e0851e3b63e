/** One canary round trip's record: per channel, each API call's outcome and latency. */
import { z } from 'zod';

export const CANARY_CHANNELS = ['alipay', 'wechat', 'unionpay', 'paypal'] as const;
export type CanaryChannel = (typeof CANARY_CHANNELS)[number];

/** The API calls of a round trip, in order: create (the provider sandbox's create), query (sync asks the provider), close. */
export const CANARY_APIS = ['createPayment', 'syncPayment', 'closePayment'] as const;
export type CanaryApi = (typeof CANARY_APIS)[number];

export const stepSchema = z.object({
  api: z.enum(CANARY_APIS),
  ok: z.boolean(),
  ms: z.number().nonnegative(),
  /** The HTTP status, absent when no answer came. */
  status: z.number().int().optional(),
  error: z.string().optional(),
});
export type Step = z.infer<typeof stepSchema>;

export const checkSchema = z.object({
  channel: z.enum(CANARY_CHANNELS),
  /** When the round trip started (ISO 8601). */
  at: z.string(),
  ok: z.boolean(),
  /** The whole round trip. */
  ms: z.number().nonnegative(),
  steps: z.array(stepSchema),
  payNo: z.string().optional(),
});
export type Check = z.infer<typeof checkSchema>;
