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

export interface MemberView {
  userId: string;
  email: string;
  verified: boolean;
  role: (typeof ROLES)[number];
  /** The account's owner, for a sub-user. */
  parentId?: string;
  createdAt: string;
  plan?: { id: string; activeUntil: string };
  online?: { lastLoginAt?: string; lastLogoutAt?: string };
  children?: { userId: string; email: string; role: string; verified: boolean }[];
  links?: { provider: string; linkedAt: string }[];
}
