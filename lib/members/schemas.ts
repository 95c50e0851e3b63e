/** The member API's request bodies and the member as the API shows it (never a hash, token or secret). */
import * as z from 'zod/mini';
import { ROLES } from './roles.ts';

const email = z.pipe(z.string().check(z.maxLength(254), z.trim(), z.toLowerCase()), z.email());
// Strength is checked apart (password.ts), with a message naming the rule.
const password = z.string().check(z.maxLength(1024));
const token = z.string().check(z.minLength(1), z.maxLength(2048));

export const signUpBody = z.strictObject({ email, password });
export const logInBody = z.strictObject({ email, password });
export const verifyBody = z.strictObject({ token });
export const resetRequestBody = z.strictObject({ email });
export const resetConfirmBody = z.strictObject({ token, password });
export const inviteBody = z.strictObject({ email, role: z.enum(ROLES.filter((r) => r !== 'owner') as ['developer', 'viewer']) });

export type SignUpBody = z.infer<typeof signUpBody>;

/** The member as the API shows it: never a hash, a token or a secret. */
export const memberView = z.strictObject({
  userId: z.string(),
  email: z.string(),
  verified: z.boolean(),
  role: z.enum(ROLES),
  parentId: z.optional(z.string().check(z.describe("The account's owner, for a sub-user"))),
  createdAt: z.string(),
  plan: z.optional(z.strictObject({ id: z.string(), activeUntil: z.string() })),
  online: z.optional(z.strictObject({ lastLoginAt: z.optional(z.string()), lastLogoutAt: z.optional(z.string()) })),
  children: z.optional(z.array(z.strictObject({ userId: z.string(), email: z.string(), role: z.string(), verified: z.boolean() }))),
  links: z.optional(z.array(z.strictObject({ provider: z.string(), linkedAt: z.string() }))),
});
export type MemberView = z.infer<typeof memberView>;

/** A member's sandbox company on the gateway; its API key only in the answer that made it. */
export const sandboxCompany = z.strictObject({ companyId: z.string(), name: z.string(), apiKeyId: z.string(), payId: z.string(), createdAt: z.string() });
export type SandboxCompany = z.infer<typeof sandboxCompany>;

/** One signed test notification sent to the member's URL. */
export const notifyAttempt = z.strictObject({
  at: z.string(),
  url: z.string(),
  status: z.optional(z.int().check(z.describe("The member's HTTP status; absent when none came"))),
  ms: z.number(),
  ok: z.boolean(),
  error: z.optional(z.string()),
});
export type NotifyAttempt = z.infer<typeof notifyAttempt>;

/** A support plan order as the buyer sees it. */
export const orderView = z.strictObject({ outTradeNo: z.string(), planId: z.string(), status: z.string(), amount: z.int(), currency: z.string() });
/** A new order: the payment's code to scan, as text and as an SVG data URL. */
export const newOrder = z.strictObject({ outTradeNo: z.string(), payNo: z.string(), amount: z.int(), currency: z.string(), qrCode: z.string(), qrImage: z.string() });
